from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GridConfig(AppConfig):
    name = "grid"
    verbose_name = _("Grille d'autoévaluation")

    def ready(self):
        from initiatives.kept import watch

        from .models import Question

        watch(Question)
