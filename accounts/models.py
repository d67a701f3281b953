from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LanguagePreference(models.Model):
    """The interface language a person chose, so that it follows them to any browser they log
    in from."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, primary_key=True,
                                related_name="language_preference")
    language = models.CharField(_("langue"), max_length=8, choices=settings.LANGUAGES)

    class Meta:
        verbose_name = _("langue de l'interface")
        verbose_name_plural = _("langues de l'interface")

    def __str__(self):
        return f"{self.user} · {self.language}"
