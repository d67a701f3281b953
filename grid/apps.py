from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GridConfig(AppConfig):
    name = "grid"
    verbose_name = _("Grille d'autoévaluation")

    def ready(self):
        from initiatives import approach
        from initiatives.kept import watch

        from .approach import maturity_section
        from .models import GridVersion, MaturityLevel, Question

        watch(GridVersion)  # its answer weights are in the specs kept by code (grid.specs)
        watch(Question)
        watch(MaturityLevel)  # what is kept per version shows its levels (reports.selectors)
        approach.register(maturity_section)
