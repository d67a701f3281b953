from django import forms
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from clusters.models import Cluster, Sector

from .anonymity import WHOLE

# The query string speaks French, as the rest of the site's addresses.
PARAMETERS = {"region": "region", "sector": "secteur", "kind": "type", "size": "taille"}


class NetworkFilters(forms.Form):
    """The year and the segment of a network's page (a GET form: the page's address says it):
    the whole network, or one criterion (a region, a sector, a type or a size band)."""

    annee = forms.TypedChoiceField(label=_("Année"), coerce=int, required=False)
    region = forms.ChoiceField(label=_("Région"), required=False)
    secteur = forms.ChoiceField(label=_("Secteur"), required=False)
    type = forms.ChoiceField(label=_("Type de pôle"), required=False)
    taille = forms.ChoiceField(label=_("Taille"), required=False)

    def __init__(self, data, *, years: list[int]):
        super().__init__(data)
        every = [("", _("Tous"))]
        self.fields["annee"].choices = [(year, year) for year in reversed(years)]
        self.fields["region"].choices = every + list(Cluster.Region.choices)
        self.fields["secteur"].choices = every + [(sector.slug, str(sector))
                                                  for sector in Sector.objects.all()]
        self.fields["type"].choices = every + list(Cluster.Kind.choices)
        self.fields["taille"].choices = every + list(Cluster.Size.choices)

    def clean(self):
        data = super().clean()
        chosen = [self.fields[parameter].label for parameter in PARAMETERS.values()
                  if data.get(parameter)]
        if len(chosen) > 1:
            # Crossed criteria would describe groups too small to show (network/anonymity.py).
            raise forms.ValidationError(
                _("Un seul critère à la fois (vous en avez choisi %(count)s : %(names)s) : "
                  "croisés, ils décriraient des groupes trop petits pour être montrés."),
                code="crossed", params={"count": len(chosen), "names": ", ".join(
                    str(name) for name in chosen)})
        return data

    def segment(self) -> dict[str, str]:
        """The filters chosen, by the profile field they match (network.selectors.Profile)."""
        return {name: self.cleaned_data[parameter] for name, parameter in PARAMETERS.items()
                if self.cleaned_data.get(parameter)}

    def selects(self, page=None) -> list[dict]:
        """Each field with its options (value, label, selected, disabled). With the page's
        figures (network.selectors.NetworkYear, its `group_sizes`), a segment's option says how
        many clusters it counts, or is disabled with the reason when the page would hide it:
        what choosing it would show, nothing more. The chosen option stays enabled, so the form
        keeps the page's address (a crafted one gets the page's own « moins de 5 pôles »). A
        year says the chosen group's size that year, as the trend table shows it; it stays open
        even when it hides the group, since the trend is still shown."""
        criteria = {parameter: name for name, parameter in PARAMETERS.items()}
        year_sizes = {point.year: point.size for point in page.trend} if page else {}
        selects = []
        for field in self:
            chosen = str(field.value() or "")
            options = []
            for value, label in field.field.choices:
                value, disabled = str(value), False
                if page and field.name in criteria:
                    size = page.group_sizes.get((criteria[field.name], value) if value else WHOLE)
                    disabled = size is None and value != chosen
                    label = _with_size(label, size)
                elif page and field.name == "annee":
                    label = _with_size(label, year_sizes.get(int(value)))
                options.append({"value": value, "label": label, "selected": value == chosen,
                                "disabled": disabled})
            selects.append({"field": field, "options": options})
        return selects


def _with_size(label, size: int | None) -> str:
    """An option and how many clusters it counts, or why it is hidden."""
    if size is None:
        return gettext("%(option)s (masqué : moins de 5 pôles, ou trop proche d'un autre "
                       "groupe)") % {"option": label}
    return ngettext("%(option)s (%(count)s pôle)", "%(option)s (%(count)s pôles)", size) % {
        "option": label, "count": size}
