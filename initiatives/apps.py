from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Fiches-initiatives")

    def ready(self):
        from . import kept
        from .models import Enjeu, Lever, Path, PathStep, Section, Sheet

        for model in (Enjeu, Section, Lever, Sheet, Path, PathStep):  # Level: fixed, no history
            kept.watch(model)
