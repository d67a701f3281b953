from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BilansConfig(AppConfig):
    """Link 5 of the guide's cycle: the board makes a validated year's bilan public. It composes
    the reports' notes and radars, the strategy's objectives and the plan's done actions, below
    the person's pages (tests/test_layers.py)."""

    name = "bilans"
    verbose_name = _("Bilans publics")
