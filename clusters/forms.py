"""The cluster's profile as its staff edit it (type, region, sectors, size band)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Cluster, Membership, Sector


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


class InvitationForm(forms.Form):
    """An editor invites an address to the cluster (or a content admin to a network: `roles`
    then holds the one role)."""

    email = forms.CharField(label=_("Adresse électronique"), max_length=254,
                            widget=forms.EmailInput(attrs={"autocomplete": "off"}))
    role = forms.ChoiceField(label=_("Rôle"), widget=forms.RadioSelect,
                             error_messages={"invalid_choice": _("Rôle inconnu : « %(value)s ».")})

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = roles
        if len(roles) == 1:
            self.fields["role"].initial = roles[0][0]
            self.fields["role"].widget = forms.HiddenInput()


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rôle"), choices=Membership.Role.choices,
                             error_messages={"invalid_choice": _("Rôle inconnu : « %(value)s ».")})
