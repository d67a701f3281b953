from django import forms
from django.utils.translation import gettext_lazy as _

from initiatives.languages import ContentSelect

from .models import OrganisationType, Source


class ExperienceFilterForm(forms.Form):
    """Filters of the catalogue; every field is optional and an unknown value is refused."""

    q = forms.CharField(
        label=_("Rechercher"),
        required=False,
        max_length=200,
        help_text=_("Accents et majuscules indifférents."),
    )
    theme = forms.ChoiceField(label=_("Thème"), required=False, widget=ContentSelect)
    enjeu = forms.ChoiceField(label=_("Enjeu"), required=False, widget=ContentSelect)
    lever = forms.ChoiceField(label=_("Levier"), required=False, widget=ContentSelect)
    organisation_type = forms.ChoiceField(label=_("Type d'organisation"), required=False)
    region = forms.ChoiceField(label=_("Région"), required=False, widget=ContentSelect)
    source = forms.ChoiceField(label=_("Document source"), required=False)

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        every = [("", _("Tous"))]
        fields = self.fields
        fields["theme"].choices = every + [(t.slug, t.name) for t in choices["themes"]]
        fields["enjeu"].choices = every + [
            (enjeu.code, f"{enjeu.code} · {enjeu.name}") for enjeu in choices["enjeux"]
        ]
        fields["lever"].choices = every + [
            (lever.slug, f"{lever.section.code} · {lever.name}") for lever in choices["levers"]
        ]
        fields["organisation_type"].choices = every + OrganisationType.choices
        fields["region"].choices = [("", _("Toutes"))] + [(r, r) for r in choices["regions"]]
        fields["source"].choices = every + Source.choices
