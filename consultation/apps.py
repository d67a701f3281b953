from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    """Link 2 of the guide's cycle: stakeholders answer a year's grid through a link, without an
    account, and the team reads their view beside its own. It reads the grid, the clusters, the
    strategy's stakeholder categories and the network's disclosure rules, below the pages that
    compose them (tests/test_layers.py)."""

    name = "consultation"
    verbose_name = _("Consultation des parties prenantes")
