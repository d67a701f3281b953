"""The cluster's profile as its staff edit it (type, region, sectors, size band)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Cluster, Sector


class ClusterProfileForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Type de structure"), required=False,
        choices=[("", _("Non renseigné")), *Cluster.Kind.choices],
        error_messages={"invalid_choice": _("Type inconnu : « %(value)s ».")},
    )
    region = forms.ChoiceField(
        label=_("Région"), required=False,
        choices=[("", _("Non renseignée")), *Cluster.Region.choices],
        error_messages={"invalid_choice": _("Région inconnue : « %(value)s ».")},
    )
    sectors = forms.ModelMultipleChoiceField(
        label=_("Secteurs d'activité"), required=False, queryset=Sector.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Cochez les secteurs où le pôle travaille (un ou deux le plus souvent)."),
        error_messages={
            "invalid_choice": _("Secteur inconnu : « %(value)s »."),
            "invalid_pk_value": _("« %(pk)s » ne désigne aucun secteur."),
        },
    )
    size = forms.ChoiceField(
        label=_("Taille (nombre de membres)"), required=False,
        choices=[("", _("Non renseignée")), *Cluster.Size.choices],
        error_messages={"invalid_choice": _("Taille inconnue : « %(value)s ».")},
    )

    @staticmethod
    def initial_of(cluster: Cluster) -> dict:
        return {"kind": cluster.kind, "region": cluster.region, "size": cluster.size,
                "sectors": list(cluster.sectors.all())}
