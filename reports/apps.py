from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Pages that gather several domains for one cluster: results, evolution, the PDF report and
    the exports. They sit above `grid` (DESIGN §9): no domain imports them."""

    name = "reports"
    verbose_name = _("Résultats et rapports")
