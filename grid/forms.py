from django import forms
from django.utils.translation import gettext_lazy as _


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

    def __init__(self, *args, campaigns, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(c.year, str(c.year)) for c in campaigns]


class TransitionForm(forms.Form):
    comment = forms.CharField(
        label=_("Commentaire"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fichier JSON de l'autoévaluation"),
        help_text=_("Le format de l'export JSON ; rien n'est modifié avant votre confirmation."),
    )
