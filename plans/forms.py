"""Forms read what browsers post. The action form checks every rule of plans.rules in one go,
against the sheets, questions and members it offers, so that a person reads every problem at
once, each on its field; plans.services checks them again when it writes (a sheet deleted
meanwhile), and the views show its errors on their fields too, as typed."""

from dataclasses import dataclass
from decimal import InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.names import person_name
from clusters.models import Cluster
from grid.forms import FreeTextField, OpenChoiceField, OpenMultipleChoiceField
from grid.models import Assessment, Question
from grid.presenters import decimal
from initiatives.languages import in_french

from . import rules, services
from .axes import PlanAxis
from .models import NOTES_MAX_LENGTH, Action

NUMBER_FIELDS = ("baseline", "target", "measured")
# Thousands separators people type or paste from a spreadsheet (space, no-break spaces).
SEPARATORS = str.maketrans("", "", " \u00a0\u202f")


class NumberField(forms.CharField):
    """A decimal as typed, with a comma or a dot (None when blank); plans.rules' message when
    it is not a number."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def __init__(self, **kwargs):
        super().__init__(required=False, max_length=40, **kwargs)

    def to_python(self, value):
        return super().to_python(value).translate(SEPARATORS).replace(",", ".")

    def clean(self, value):
        text = super().clean(value)
        try:
            return rules.read_number(text)
        except InvalidOperation:
            raise ValidationError(rules.not_a_number(text)) from None

    def prepare_value(self, value):
        return decimal(str(value)) if value is not None else ""


def question_choices(cluster: Cluster) -> list[tuple[str, str]]:
    """The codes of the cluster's latest grid version (or of every version if it has none)."""
    latest = (Assessment.objects.filter(cluster=cluster).order_by("-campaign__year")
              .values_list("campaign__version", flat=True).first())
    questions = Question.objects.order_by("section__order", "order", "version__created_at")
    if latest is not None:
        questions = questions.filter(version=latest)
    choices = {}
    for code, text in questions.values_list("code", "text"):
        short = text if len(text) <= 90 else text[:89] + "…"
        choices.setdefault(code, in_french(f"{code} — {short}"))
    return list(choices.items())


@dataclass(frozen=True)
class Chip:
    """What a link prefilled (« Planifier » on the results page), shown atop the form with a
    button that takes it out (static/js/action-form.js)."""

    field: str
    value: str  # the box to untick; empty for a text field or a list, which is emptied
    text: str


NO_AXIS = "aucun"  # the plan's filter: the actions that serve no axis

# The fields chosen from a list of boxes with a filter above (plans/includes/_choice_list.html).
CHOICE_LISTS = ("sheets", "question_codes")
BOXES = forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"})


class ActionForm(forms.Form):
    title = FreeTextField(label=_("Intitulé"), error_messages={
        "required": _("Donnez un intitulé à l'action.")})
    status = forms.ChoiceField(label=_("Statut"), choices=Action.Status.choices,
                               initial=Action.Status.PLANNED)
    sheets = OpenMultipleChoiceField(
        label=_("Fiches du guide"), required=False, widget=BOXES)
    question_codes = OpenMultipleChoiceField(
        label=_("Questions de la grille"), required=False, widget=BOXES)
    # Offered when the cluster's strategy has axes (plans.axes); drawn only then.
    axis = OpenChoiceField(label=_("Axe stratégique"), required=False)
    owner = OpenChoiceField(label=_("Responsable (membre du pôle)"), required=False)
    owner_name = FreeTextField(
        label=_("Responsable (autre)"), required=False,
        help_text=_("Un nom, si le responsable n'a pas de compte."))
    starts_on = forms.DateField(label=_("Début"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"},
                                                       format="%Y-%m-%d"))
    due_on = forms.DateField(label=_("Échéance"), required=False,
                             widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    done_on = forms.DateField(
        label=_("Réalisée le"), required=False,
        help_text=_("Laissée vide, la date du jour où l'action passe à « réalisée »."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    indicator = FreeTextField(label=_("Indicateur"), required=False)
    unit = FreeTextField(label=_("Unité"), required=False)
    baseline = NumberField(label=_("Valeur de départ"))
    target = NumberField(label=_("Cible"))
    measured = NumberField(label=_("Valeur mesurée"))
    notes = FreeTextField(label=pgettext_lazy("free text", "Notes"), required=False,
                          widget=forms.Textarea(attrs={"rows": 4,
                                                       "maxlength": NOTES_MAX_LENGTH}))

    def __init__(self, *args, cluster: Cluster, sheets, members, axes: list[PlanAxis] = (),
                 action: Action | None = None, prefill: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        # The current strategy's axes, and the one the action serves whatever its period.
        kept = action.axis_id if action else None
        self.fields["axis"].choices = [("", _("— aucun —"))] + [
            (str(axis.pk), axis.label) for axis in axes if axis.current or axis.pk == kept]
        self.prefill = prefill or {}
        self.members = {str(user.pk): user for user in members}
        self.fields["sheets"].choices = [(s.number, in_french(f"{s.number} · {s.title}"))
                                         for s in sheets]
        choices = question_choices(cluster)
        # Codes of an older grid the action already serves stay offered, so that saving keeps them.
        offered = {code for code, _label in choices}
        kept = [code for code in (action.question_codes if action else []) if code not in offered]
        self.fields["question_codes"].choices = choices + [(code, code) for code in kept]
        self.fields["owner"].choices = [("", _("— aucun —"))] + [
            (pk, person_name(user)) for pk, user in self.members.items()
        ]
        if action is not None:
            # The revision the page was loaded at: a save on an older one is refused
            # (plans.services.StaleAction). Its problems are the form's, not a hidden field's.
            self.fields["revision"] = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_owner(self):
        pk = self.cleaned_data["owner"]
        if not pk:
            return None
        if pk not in self.members:
            raise ValidationError(_("Le responsable doit être membre du pôle."))
        return self.members[pk]

    def clean_revision(self) -> int | None:
        raw = self.cleaned_data["revision"]
        if not raw.isascii() or not raw.isdigit() or len(raw) > 9:
            self.add_error(None, _(
                "Le formulaire ne dit pas quelle version de l'action vous avez ouverte : "
                "rechargez la page, puis refaites vos changements."))
            return None
        return int(raw)

    def clean_axis(self) -> int | None:
        value = self.cleaned_data["axis"]
        return int(value) if value and value in self.offered("axis") else value or None

    @property
    def has_axes(self) -> bool:
        return len(self.fields["axis"].choices) > 1

    def offered(self, field: str) -> set[str]:
        return {str(value) for value, _label in self.fields[field].choices}

    def clean(self):
        data = super().clean()
        problems = rules.action_problems(
            title=data.get("title", ""),
            texts={field: data.get(field, "") for field in rules.TEXT_LIMITS if field != "title"},
            starts_on=data.get("starts_on"), due_on=data.get("due_on"),
            numbers={field: data.get(field) for field in NUMBER_FIELDS},
            question_codes=data.get("question_codes", []),
            known_codes=self.offered("question_codes"),
            sheet_numbers=data.get("sheets", []), known_sheets=self.offered("sheets"),
            axis=data.get("axis"), known_axes={int(pk) for pk in self.offered("axis") if pk})
        for field, messages in problems.items():
            if field not in self.errors:  # a field's own error comes first (« date valide »)
                self.add_error(field, messages)
        if self.errors:
            return data
        values = {field: data[field] for field in services.FIELDS}
        if values["status"] != Action.Status.DONE or not values["done_on"]:
            # The service settles the day of a done action; a date on an open one means nothing.
            values.pop("done_on")
        data["values"] = values
        return data

    @property
    def chips(self) -> list[Chip]:
        """What the link prefilled and the form still holds (a person may have unticked it
        before an error brought the form back)."""
        chips = []
        for field in CHOICE_LISTS:
            held = {str(value) for value in self[field].value() or []}
            labels = {str(value): label for value, label in self.fields[field].choices}
            chips += [Chip(field, value, labels[value])
                      for value in dict.fromkeys(self.prefill.get(field, []))
                      if value in held and value in labels]
        title = self.prefill.get("title", "")
        if title and self["title"].value() == title:
            chips.append(Chip("title", "", title))
        axis = self.prefill.get("axis")
        labels = dict(self.fields["axis"].choices)
        if axis and str(self["axis"].value()) == axis and axis in labels:
            chips.append(Chip("axis", "", labels[axis]))
        return chips

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        arguments = {"sheets": data["sheets"], "question_codes": data["question_codes"],
                     "owner": data["owner"], "axis": data["axis"], **data["values"]}
        if self.action is not None:
            arguments["revision"] = data["revision"]
        return arguments

    @classmethod
    def initial_of(cls, action: Action) -> dict:
        return {
            **{field: getattr(action, field) for field in services.FIELDS},
            "sheets": [sheet.number for sheet in action.sheets.all()],
            "question_codes": action.question_codes,
            "owner": str(action.owner_id) if action.owner_id else "",
            "axis": str(action.axis_id) if action.axis_id else "",
            "revision": action.revision,
        }


class CommentForm(forms.Form):
    text = FreeTextField(label=_("Commentaire"), widget=forms.Textarea(attrs={"rows": 3}),
                         error_messages={"required": _("Le commentaire est vide.")})


class StepForm(forms.Form):
    reached = forms.TypedChoiceField(
        choices=[("1", _("atteinte")), ("0", _("non atteinte"))], coerce=lambda v: v == "1",
        error_messages={"invalid_choice": _("Valeur inconnue : « %(value)s ».")})
    reached_on = forms.DateField(label=_("Atteinte le"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"},
                                                        format="%Y-%m-%d"))
    note = FreeTextField(label=pgettext_lazy("free text", "Note"),
                         required=False)


class ActionFilterForm(forms.Form):
    """The list's filters, as GET parameters in French."""

    statut = forms.ChoiceField(label=_("Statut"), required=False,
                               choices=[("", _("Tous"))] + Action.Status.choices,
                               error_messages={"invalid_choice": _(
                                   "Statut inconnu : « %(value)s ».")})
    # Both drawn by the list's template, which marks their options as French content.
    enjeu = forms.ChoiceField(label=_("Enjeu"), required=False, error_messages={
        "invalid_choice": _("Enjeu inconnu : « %(value)s ».")})
    fiche = forms.ChoiceField(label=_("Fiche"), required=False, error_messages={
        "invalid_choice": _("Fiche inconnue : « %(value)s ».")})
    en_retard = forms.BooleanField(label=_("En retard seulement"), required=False)
    # An axis's id, or NO_AXIS; offered when the cluster has axes (plans.axes).
    axe = forms.ChoiceField(label=_("Axe stratégique"), required=False, error_messages={
        "invalid_choice": _("Axe inconnu : « %(value)s ».")})

    def __init__(self, *args, enjeux, sheets, axes: list[PlanAxis] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["axe"].choices = [("", _("Tous"))] + [
            (str(axis.pk), axis.label) for axis in axes] + (
            [(NO_AXIS, _("Sans axe"))] if axes else [])
        self.fields["enjeu"].choices = [("", _("Tous"))] + [
            (e.code, f"{e.code} · {e.short_name}") for e in enjeux]
        self.fields["fiche"].choices = [("", _("Toutes"))] + [
            (s.number, f"{s.number} · {s.title}") for s in sheets]
