"""Forms read what browsers post: shapes and types here. The rules (strategy.rules, and those
that need the database: members, overlapping periods, the plan's actions) are checked by
strategy.services when it writes; the view shows its ValidationError on the form, as typed.

The page holds the strategy and up to six axes, each with up to six objectives, in one form
without script: the slots of every axis and objective exist, the page shows those filled plus
empty ones (« Ajouter un axe » shows one more), and entirely empty slots are ignored."""

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.names import account_name
from grid.forms import FreeTextField, OpenChoiceField, OpenMultipleChoiceField
from grid.presenters import decimal, percent
from initiatives.languages import french_page, in_french

from . import rules
from .models import Objective, Stakeholder

Kind = Objective.Kind
MEMBER_MESSAGE = _("Le responsable du développement durable doit être membre du pôle.")


def number_text(value) -> str:
    """45.00 → « 45 », 12.50 → « 12,5 »: a target as people write it."""
    return decimal(f"{value.normalize():f}")


class TargetSelect(forms.Select):
    """Enjeux, sections and actions are named in French; levels in the page's language."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value and not str(value).startswith(f"{Kind.LEVEL}:") and not french_page():
            option["attrs"]["lang"] = "fr"
        return option


class StrategyForm(forms.Form):
    # The revision the page was loaded at: a save over someone's later change is refused.
    revision = forms.CharField(widget=forms.HiddenInput, required=False, max_length=20)
    start_year = forms.CharField(label=_("Première année"), required=False, max_length=10,
                                 widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    end_year = forms.CharField(label=_("Dernière année"), required=False, max_length=10,
                               widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    responsible = OpenChoiceField(
        label=_("Responsable du développement durable (membre du pôle)"), required=False,
        help_text=_("Un administrateur ou un membre du bureau, comme le guide le conseille."))
    process = FreeTextField(
        label=_("Comment la stratégie est construite"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Qui l'élabore, comment, avec quelles étapes de consultation."))
    stakeholders = forms.MultipleChoiceField(
        label=_("Parties prenantes consultées"), required=False, choices=Stakeholder.choices,
        widget=forms.CheckboxSelectMultiple)
    organisations = FreeTextField(
        label=_("Organisations consultées"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Une par ligne : des organisations, sans adresse électronique ni numéro de "
                    "téléphone."))

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].choices = [("", "—")] + [
            (str(membership.user_id), f"{account_name(membership.user)} · "
                                      f"{membership.get_role_display()}")
            for membership in members]
        self.members = {str(membership.user_id): membership.user for membership in members}

    def clean(self):
        data = super().clean()
        revision = data.get("revision") or ""
        if revision and not revision.isdigit():  # hidden: said above the form, not beside it
            self.add_error(None, _("La version de la stratégie est illisible : rechargez la "
                                   "page, puis recommencez."))
        data["revision"] = int(revision) if revision.isdigit() else None
        return data

    def clean_responsible(self):
        value = self.cleaned_data["responsible"]
        if value and value not in self.members:
            raise forms.ValidationError(MEMBER_MESSAGE)
        return self.members.get(value)


def target_choices(enjeux: dict[str, str], diagnosis, levels: dict[int, str], actions) -> list:
    notes = diagnosis.sections
    return [
        ("", "—"),
        (_("Note d'un enjeu"), [(f"{Kind.ENJEU}:{code}", _("Enjeu %(code)s · %(name)s") % {
            "code": code, "name": name}) for code, name in enjeux.items()]),
        (_("Note d'une section"), [
            (f"{Kind.SECTION}:{code}", f"{code} · {title}"
             + (f" ({percent(note)})" if note is not None else ""))
            for code, (title, note) in notes.items()]),
        (_("Note d'un niveau"), [(f"{Kind.LEVEL}:{number}", _("Niveau %(number)s · %(name)s") % {
            "number": number, "name": name}) for number, name in levels.items()]),
        (_("Indicateur d'une action du plan"), [
            (f"{Kind.INDICATOR}:{action.pk}",
             f"{action.title} — {action.indicator} ({number_text(action.target)} {action.unit})"
             .replace(" )", ")"))
            for action in actions.values()]),
    ]


class AxisForm(forms.Form):
    title = FreeTextField(label=_("Intitulé de l'axe"), required=False)
    enjeux = OpenMultipleChoiceField(label=_("Enjeux"), required=False,
                                     widget=forms.CheckboxSelectMultiple)
    levels = OpenMultipleChoiceField(label=_("Niveaux"), required=False,
                                     widget=forms.CheckboxSelectMultiple)
    section_codes = OpenMultipleChoiceField(
        label=_("Sections du diagnostic qui le motivent"), required=False,
        widget=forms.CheckboxSelectMultiple)
    question_codes = OpenMultipleChoiceField(
        label=_("Questions du diagnostic qui le motivent"), required=False,
        widget=forms.CheckboxSelectMultiple)
    rationale = FreeTextField(label=_("Pourquoi cet axe"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, enjeux, levels, diagnosis, targets, **kwargs):
        super().__init__(*args, **kwargs)
        # The guide's words (enjeux, sections, questions) are French on every page: marked so
        # (in_french), the notes and answers beside them in the page's language.
        self.fields["enjeux"].choices = [(code, format_html("{} · {}", code, in_french(name)))
                                         for code, name in enjeux.items()]
        self.fields["levels"].choices = [(str(number), name) for number, name in levels.items()]
        self.fields["section_codes"].choices = [
            (code, format_html("{} · {}{}", code, in_french(title),
                               f" — {percent(note)}" if note is not None else ""))
            for code, (title, note) in diagnosis.sections.items()]
        self.fields["question_codes"].choices = [
            (code, format_html("{} · {}{}", code, in_french(text),
                               f" — {answer}" if answer else ""))
            for code, (text, answer) in diagnosis.questions.items()]
        for number in range(1, rules.MAX_OBJECTIVES + 1):
            self.fields[f"objective_{number}_target_ref"] = OpenChoiceField(
                label=_("Objectif %(number)s : ce qu'il vise") % {"number": number},
                required=False, choices=targets, widget=TargetSelect)
            self.fields[f"objective_{number}_target"] = forms.CharField(
                label=_("Cible (en %, ou dans l'unité de l'indicateur)"), required=False,
                max_length=40, widget=forms.TextInput(attrs={"inputmode": "decimal"}))
            self.fields[f"objective_{number}_year"] = forms.CharField(
                label=_("Échéance (année)"), required=False, max_length=10,
                widget=forms.TextInput(attrs={"inputmode": "numeric"}))

    def objective_slots(self) -> list[list]:
        """The bound fields of each objective slot, for the template."""
        return [[self[f"objective_{number}_{part}"] for part in ("target_ref", "target", "year")]
                for number in range(1, rules.MAX_OBJECTIVES + 1)]

    def objectives(self) -> list[rules.ObjectiveInput]:
        data = self.cleaned_data
        typed = [rules.ObjectiveInput(data[f"objective_{n}_target_ref"],
                                      data[f"objective_{n}_target"].strip(),
                                      data[f"objective_{n}_year"].strip())
                 for n in range(1, rules.MAX_OBJECTIVES + 1)]
        return [objective for objective in typed
                if objective.target_ref or objective.target or objective.year]

    def axis(self) -> rules.AxisInput | None:
        """The axis as typed, or None when the slot is empty."""
        data = self.cleaned_data
        axis = rules.AxisInput(
            title=data["title"], enjeux=data["enjeux"], levels=data["levels"],
            question_codes=data["question_codes"], section_codes=data["section_codes"],
            rationale=data["rationale"], objectives=self.objectives())
        empty = not (axis.title.strip() or axis.enjeux or axis.levels or axis.question_codes
                     or axis.section_codes or axis.rationale.strip() or axis.objectives)
        return None if empty else axis

    def filled_objectives(self) -> int:
        """How many objective slots hold something (bound or initial): the page shows those."""
        count = 0
        for number in range(1, rules.MAX_OBJECTIVES + 1):
            if any(self[f"objective_{number}_{part}"].value()
                   for part in ("target_ref", "target", "year")):
                count = number
        return count

    def is_filled(self) -> bool:
        return any(self[name].value() for name in
                   ("title", "enjeux", "levels", "section_codes", "question_codes", "rationale")
                   ) or self.filled_objectives() > 0


def axis_initial(axis) -> dict:
    initial = {"title": axis.title, "enjeux": axis.enjeux,
               "levels": [str(level) for level in axis.levels],
               "section_codes": axis.section_codes, "question_codes": axis.question_codes,
               "rationale": axis.rationale}
    for number, objective in enumerate(axis.objectives.all(), 1):
        reference = objective.action_id if objective.kind == Kind.INDICATOR else (
            objective.reference)
        initial |= {f"objective_{number}_target_ref": f"{objective.kind}:{reference}",
                    f"objective_{number}_target": number_text(objective.target),
                    f"objective_{number}_year": str(objective.year)}
    return initial


def strategy_initial(strategy) -> dict:
    return {"revision": str(strategy.revision), "start_year": str(strategy.start_year),
            "end_year": str(strategy.end_year),
            "responsible": str(strategy.responsible_id or ""), "process": strategy.process,
            "stakeholders": strategy.stakeholders, "organisations": strategy.organisations}


class DecisionForm(forms.Form):
    """The board's decision, or the team's submission: the action the button names."""

    action = forms.ChoiceField(choices=[("submit", "submit"), ("approve", "approve"),
                                        ("return", "return")],
                               error_messages={"invalid_choice": _("Action inconnue.")})
    comment = FreeTextField(label=_("Commentaire de la gouvernance"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))
