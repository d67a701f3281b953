from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from grid.labels import ANSWER_LABELS
from grid.scoring import ANSWERS, SECTION_ORDER
from initiatives.languages import in_french
from strategy.models import Stakeholder

from .models import COMMENT_MAX_LENGTH

NO_OPINION = _("Sans avis")


class OpenForm(forms.Form):
    sections = forms.MultipleChoiceField(
        label=_("Sections proposées"), widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choisissez au moins une section à proposer."),
                        "invalid_choice": _("Section inconnue.")})
    closes_on = forms.DateField(label=_("Date de clôture"),
                                widget=forms.DateInput(attrs={"type": "date"},
                                                       format="%Y-%m-%d"),
                                help_text=_("Dernier jour où les réponses sont reçues."))
    shared = forms.TypedChoiceField(
        label=_("Liens"), widget=forms.RadioSelect, coerce=lambda value: value == "shared",
        choices=[("shared", _("Un lien partagé, à diffuser : chaque envoi du questionnaire "
                              "compte pour une réponse")),
                 ("addresses", _("Un lien personnel par adresse invitée, envoyé par le courriel "
                                 "de l'application : une réponse par adresse"))],
        initial="shared")

    def __init__(self, *args, section_titles: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        # The guide's section titles are French on every page (marked so on English ones).
        self.fields["sections"].choices = [
            (code, format_html("{} · {}", code, in_french(section_titles.get(code, ""))))
            for code in SECTION_ORDER]
        self.fields["sections"].initial = list(SECTION_ORDER)
        self.fields["closes_on"].initial = timezone.localdate() + timedelta(days=30)


class AddressesForm(forms.Form):
    addresses = forms.CharField(
        label=_("Adresses des parties prenantes invitées"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Une adresse par ligne. Chacune reçoit un lien personnel qui sert une fois ; "
                    "les adresses ne sont pas conservées."),
        error_messages={"required": _("Indiquez au moins une adresse électronique.")})


class AnswerForm(forms.Form):
    """A stakeholder's answer: the questions asked (each « sans avis » unless answered), a
    category, a comment. Shapes only; consultation.services keeps the rules."""

    category = forms.ChoiceField(
        label=_("Vous répondez en tant que"), choices=Stakeholder.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez votre catégorie."),
                        "invalid_choice": _("Catégorie inconnue : choisissez-en une de la "
                                            "liste.")})
    comment = forms.CharField(
        label=_("Commentaire (facultatif)"), required=False, max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ce que vous attendez du pôle en matière de développement durable. Ne vous "
                    "nommez pas : les réponses sont anonymes."),
        error_messages={"max_length": _("Commentaire trop long (%(limit_value)d caractères au "
                                        "plus).")})

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        choices = [(answer, ANSWER_LABELS[answer]) for answer in ANSWERS] + [("", NO_OPINION)]
        for question in questions:
            self.fields[field_name(question.code)] = forms.ChoiceField(
                label=question.text, choices=choices, required=False, widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Réponse inconnue : choisissez-en une de la "
                                                    "liste.")})
        self.order_fields([field_name(q.code) for q in questions] + ["category", "comment"])

    def question_fields(self):
        return [(question, self[field_name(question.code)]) for question in self.questions]

    def answers(self) -> dict[str, str]:
        return {q.code: self.cleaned_data.get(field_name(q.code), "") for q in self.questions}

    def clean(self):
        data = super().clean()
        if not self.errors and not any(self.answers().values()):
            raise forms.ValidationError(_("Répondez au moins à une question."))
        return data


def field_name(code: str) -> str:
    return f"q-{code}"
