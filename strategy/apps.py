from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    """Link 1 and 3 of the guide's cycle: the cluster's sustainable-development strategy for a
    period, its axes and their objectives. It reads the grid (the diagnosis an axis answers)
    and the plan (an action's indicator as an objective), so it sits above both, below the
    pages of `reports` that will show progress against its objectives (tests/test_layers.py)."""

    name = "strategy"
    verbose_name = _("Stratégie")
