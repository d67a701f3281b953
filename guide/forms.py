from django import forms
from django.utils.translation import gettext_lazy as _

from initiatives.labels import LEVEL_CHOICES
from initiatives.languages import ContentSelect


class SheetFilterForm(forms.Form):
    """Filters of the sheet list; every field is optional and unknown values are refused."""

    q = forms.CharField(
        label=_("Rechercher"),
        required=False,
        max_length=200,
        help_text=_(
            "Dans les fiches, le glossaire et les retours d'expérience ; accents et majuscules "
            "indifférents."
        ),
    )
    enjeu = forms.ChoiceField(label=_("Enjeu"), required=False, widget=ContentSelect)
    level = forms.TypedChoiceField(label=_("Niveau"), required=False, coerce=int, empty_value=None)
    lever = forms.ChoiceField(label=_("Levier"), required=False, widget=ContentSelect)
    sector = forms.ChoiceField(label=_("Secteur"), required=False, widget=ContentSelect)
    maturity = forms.ChoiceField(label=_("Maturité"), required=False, widget=ContentSelect)

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        every = [("", _("Tous"))]
        self.fields["enjeu"].choices = every + [
            (enjeu.code, f"{enjeu.code} · {enjeu.name}") for enjeu in choices["enjeux"]
        ]
        self.fields["level"].choices = every + LEVEL_CHOICES
        self.fields["lever"].choices = every + [
            (lever.slug, f"{lever.section.code} · {lever.name}") for lever in choices["levers"]
        ]
        self.fields["sector"].choices = every + [(value, value) for value in choices["sectors"]]
        self.fields["maturity"].choices = every + [(v, v) for v in choices["maturities"]]
