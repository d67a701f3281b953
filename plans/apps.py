from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    """The cluster's improvement loop (DESIGN §8): actions planned from the results and the path
    steps reached. Above `grid` and `clusters`, below the pages of `reports` (DESIGN §9)."""

    name = "plans"
    verbose_name = _("Plan d'actions")

    def ready(self):
        from grid import annotations

        from .grid_notes import question_notes

        annotations.register(question_notes)
