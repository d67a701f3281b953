"""Forms read what browsers post: shapes and types here, the rules of an answer in grid.rules."""

import json

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

from . import evidence, rules
from .changes import custom_key
from .labels import ACTION_LABELS, BOARD_ACTIONS
from .scoring import AnswerValue, CustomRow, QuestionSpec

IMPORT_MAX_BYTES = 1024 * 1024


class FreeTextField(forms.CharField):
    """Text as typed; grid.rules judges its characters and length, with its own messages."""

    def __init__(self, **kwargs):
        super().__init__(strip=False, **kwargs)
        self.validators = [
            v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)
        ]


class OpenMultipleChoiceField(forms.MultipleChoiceField):
    """Choices offered, but a value outside them is left to the form's rules, whose message
    names it (« Fiche inconnue : « 99 » ») beside the form's other problems."""

    def valid_value(self, value):
        return True


class OpenChoiceField(forms.ChoiceField):
    """A choice whose unknown values the form's own rules name."""

    def valid_value(self, value):
        return True


REVISION_ERRORS = {
    "required": _("La version de cette réponse manque : rechargez la page, puis recommencez."),
    "invalid": _("La version de cette réponse est illisible : rechargez la page, puis "
                 "recommencez."),
    "min_value": _("La version de cette réponse est illisible : rechargez la page, puis "
                   "recommencez."),
}


class RowKindForm(forms.Form):
    """Which row an autosave is about: a question (by code) or an « autre action » (by enjeu)."""

    kind = forms.ChoiceField(
        choices=[("question", _("question")), ("custom", _("autre action"))], required=False,
        error_messages={"invalid_choice": _("Type de ligne inconnu : « %(value)s ».")},
    )
    code = FreeTextField(max_length=rules.CODE_MAX_LENGTH)

    @property
    def is_custom(self) -> bool:
        return self.cleaned_data["kind"] == "custom"


class AnswerForm(forms.Form):
    """One question's row: the autosave posts it bare, the whole form with the code as prefix."""

    value = forms.CharField(required=False, strip=False)
    comment = FreeTextField(required=False)
    revision = forms.IntegerField(min_value=0, error_messages=REVISION_ERRORS)

    def __init__(self, *args, code: str, question: QuestionSpec | None, grid: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.code, self.question, self.grid = code, question, grid

    def clean(self):
        data = super().clean()
        if not self.errors:
            for problem in rules.question_problems(
                self.question, code=self.code, grid=self.grid, value=data["value"] or None,
                comment=data["comment"],
            ):
                self.add_error(None, problem)
        return data

    @property
    def key(self) -> str:
        return self.code

    @property
    def wants_justification(self) -> bool:
        """Refused only because « na » came without the comment that says why: the page opens
        the comment box rather than leaving the person to guess."""
        data = self.cleaned_data
        value, comment = data.get("value") or None, data.get("comment", "")
        return rules.lacks_justification(value, comment) and not rules.question_problems(
            self.question, code=self.code, grid=self.grid, value=value, comment=comment,
            comment_required=False,
        )

    def row(self) -> AnswerValue:
        data = self.cleaned_data
        return AnswerValue(data["value"] or None, rules.normalise_text(data["comment"]))


class CustomRowForm(forms.Form):
    """One « autre action » row: label, level, barème, answer."""

    label = FreeTextField(required=False)
    level = forms.IntegerField(required=False)
    bareme = forms.IntegerField(required=False)
    value = forms.CharField(required=False, strip=False)
    revision = forms.IntegerField(min_value=0, error_messages=REVISION_ERRORS)

    def __init__(self, *args, enjeu: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.enjeu = enjeu

    def clean(self):
        data = super().clean()
        if not self.errors:
            for problem in rules.custom_row_problems(
                rules.custom_subject(self.enjeu), enjeu=self.enjeu, label=data["label"],
                level=data["level"], bareme=data["bareme"], value=data["value"] or None,
            ):
                self.add_error(None, problem)
        return data

    @property
    def key(self) -> str:
        return custom_key(self.enjeu)

    def row(self) -> CustomRow:
        data = self.cleaned_data
        return CustomRow(self.enjeu, rules.normalise_text(data["label"]), data["level"],
                         data["bareme"], data["value"] or None)


class StartAssessmentForm(forms.Form):
    year = forms.TypedChoiceField(
        label=_("Année"),
        coerce=int,
        error_messages={
            "invalid_choice": _(
                "L'année %(value)s ne peut pas s'ouvrir : elle est déjà commencée "
                "ou n'a pas de campagne."
            ),
        },
    )
    prefill = forms.BooleanField(
        label=_("Reprendre les réponses de l'année précédente"),
        required=False,
        initial=True,
        help_text=_("Vous ne mettrez à jour que ce qui a changé."),
    )
    carry_files = forms.BooleanField(
        label=_("Reprendre aussi les fichiers"),
        required=False,
        help_text=_("Les liens des pièces justificatives sont repris avec les réponses ; cochez "
                    "pour copier aussi leurs fichiers."),
    )

    def __init__(self, *args, campaigns, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(c.year, str(c.year)) for c in campaigns]


class DecisionForm(forms.Form):
    """The board's step on a year: the button pressed and its comment (grid.services judges the
    comment, and says which step the year's status allows)."""

    action = forms.ChoiceField(
        choices=[(action, ACTION_LABELS[action][0]) for action in BOARD_ACTIONS],
        error_messages={
            "required": _("Choisissez une décision : rechargez la page, puis recommencez."),
            "invalid_choice": _("Décision inconnue : rechargez la page, puis recommencez."),
        },
    )
    comment = FreeTextField(
        label=_("Commentaire"), required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": rules.BOARD_COMMENT_MAX_LENGTH}),
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fichier JSON de l'autoévaluation"),
        help_text=_("Le format de l'export JSON ; rien n'est modifié avant votre confirmation."),
    )

    def clean_file(self) -> str:
        """The file's text."""
        upload = self.cleaned_data["file"]
        if upload.size > IMPORT_MAX_BYTES:
            raise forms.ValidationError(_("Le fichier dépasse 1 Mo."))
        try:
            # utf-8-sig: files saved by some Windows editors start with a byte order mark.
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                _("Le fichier n'est pas du texte UTF-8 : enregistrez-le en UTF-8, puis "
                  "recommencez.")
            ) from None


class ImportConfirmForm(forms.Form):
    """The previewed file, sent back with the revisions of the rows as the preview showed them."""

    payload = forms.CharField(widget=forms.HiddenInput, strip=False, max_length=IMPORT_MAX_BYTES)
    revisions = forms.CharField(widget=forms.HiddenInput, max_length=4000)

    def clean_revisions(self) -> dict[str, int]:
        try:
            revisions = json.loads(self.cleaned_data["revisions"])
        except ValueError:
            revisions = None
        if not isinstance(revisions, dict) or not all(
            isinstance(key, str) and isinstance(value, int) for key, value in revisions.items()
        ):
            raise forms.ValidationError(
                _("La prévisualisation est illisible : importez le fichier de nouveau.")
            )
        return revisions


class DisplayForm(forms.Form):
    compact = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda v: v == "1")


class AssignForm(forms.Form):
    """An assignment posted from the grid: the section or the question (one of both), the team
    member, the optional due date, and whether to assign or to take the assignment back."""

    section = forms.CharField(required=False, max_length=rules.CODE_MAX_LENGTH)
    question = forms.CharField(required=False, max_length=rules.CODE_MAX_LENGTH)
    action = forms.ChoiceField(
        choices=[("assign", _("Confier")), ("remove", _("Retirer"))],
        error_messages={"required": _("Action inconnue : rechargez la page, puis recommencez."),
                        "invalid_choice": _("Action inconnue : rechargez la page, puis "
                                            "recommencez.")},
    )
    assignee = forms.TypedChoiceField(
        label=_("Confier à"), coerce=int, required=False,
        error_messages={"invalid_choice": _("Cette personne n'est pas membre de l'équipe du "
                                            "pôle : choisissez-en une dans la liste.")},
    )
    due_on = forms.DateField(
        label=_("Échéance"), required=False,
        error_messages={"invalid": _("Échéance illisible : choisissez une date (jj/mm/aaaa).")},
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [("", "—"), *members]

    def clean(self):
        data = super().clean()
        if bool(data.get("section")) == bool(data.get("question")):
            raise forms.ValidationError(
                _("Confiez soit une section, soit une question : rechargez la page, puis "
                  "recommencez."))
        if data.get("action") == "assign" and "assignee" not in self.errors and not data.get(
                "assignee"):
            self.add_error("assignee", _("Choisissez la personne à qui confier."))
        return data

    @property
    def target(self) -> str:
        """« section:1A » or « question:1A-1 », as the page names the form it came from."""
        data = self.data
        question = data.get("question", "")
        return f"question:{question}" if question else f"section:{data.get('section', '')}"
class EvidenceFileForm(forms.Form):
    """A file attached to an answer; grid.evidence judges its type, size and name."""

    kind = forms.CharField(widget=forms.HiddenInput, initial="file")
    label = FreeTextField(label=_("Libellé"), max_length=evidence.LABEL_MAX_LENGTH,
                          help_text=_("Ce que la pièce montre, en quelques mots."))
    file = forms.FileField(
        label=_("Fichier"),
        allow_empty_file=True,  # refused by grid.evidence, with the other problems of the file
        help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument ou image (PNG, JPEG, GIF, "
                    "WebP) ; 10 Mo au plus."),
        widget=forms.ClearableFileInput(attrs={
            "accept": ".pdf,.doc,.docx,.xls,.xlsx,.pptx,.odt,.ods,.odp,.png,.jpg,.jpeg,.gif,"
                      ".webp"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="file-%s", **kwargs)  # beside the link's form


class EvidenceLinkForm(forms.Form):
    kind = forms.CharField(widget=forms.HiddenInput, initial="link")
    label = FreeTextField(label=_("Libellé"), max_length=evidence.LABEL_MAX_LENGTH)
    url = FreeTextField(label=_("Adresse (http:// ou https://)"),
                        max_length=evidence.URL_MAX_LENGTH,
                        widget=forms.URLInput(attrs={"inputmode": "url"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="link-%s", **kwargs)  # beside the file's form
