from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ArchivedReport(models.Model):
    """The PDF report of a validated year, rendered once: what the board validated and tabled
    does not change afterwards, whatever the content or the grid become. A year reopened and
    validated again gets a new one (its validation is another transition). One per language: the
    English edition is kept from its first rendering too."""

    validation = models.ForeignKey(
        "grid.Transition", models.CASCADE, related_name="+", verbose_name=_("validation")
    )
    language = models.CharField(_("langue"), max_length=8, choices=settings.LANGUAGES,
                                default="fr")
    pdf = models.BinaryField(_("rapport PDF"))
    created_at = models.DateTimeField(_("rendu le"), auto_now_add=True)

    class Meta:
        verbose_name = _("rapport archivé")
        verbose_name_plural = _("rapports archivés")
        constraints = [
            models.UniqueConstraint(fields=["validation", "language"],
                                    name="one_archived_report_per_language"),
        ]

    def __str__(self):
        return f"{self.validation.assessment} · {self.language} · {self.created_at:%Y-%m-%d}"
