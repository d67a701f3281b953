from django import forms
from django.utils.translation import gettext_lazy as _

from clusters.models import Cluster
from grid.forms import FreeTextField


class PublishForm(forms.Form):
    """The board's publish / withdraw buttons and its text; bilans.services keeps the rules."""

    action = forms.ChoiceField(choices=[("publish", "publish"), ("unpublish", "unpublish")],
                               error_messages={"invalid_choice": _("Action inconnue.")})
    text = FreeTextField(
        label=_("Ce que la gouvernance choisit d'ajouter"), required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Facultatif, publié tel quel sous les notes : Markdown simple (titres, "
                    "listes, liens) ou texte avec retours à la ligne. N'y mettez que ce que "
                    "le pôle veut rendre public."))


class FilterForm(forms.Form):
    """The public list's filters (GET): an unknown value is ignored, with its message."""

    region = forms.ChoiceField(label=_("Région"), required=False,
                               choices=[("", _("Toutes"))] + Cluster.Region.choices)
    kind = forms.ChoiceField(label=_("Type"), required=False,
                             choices=[("", _("Tous"))] + Cluster.Kind.choices)

    def filters(self) -> dict[str, str]:
        self.is_valid()
        return {name: self.cleaned_data.get(name) or "" for name in ("region", "kind")}
