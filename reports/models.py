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


class PreparedReport(models.Model):
    """A PDF report rendered outside the request (reports.tasks), for one state of an
    assessment in one language: `state` changes with anything the report prints (reports.services
    .report_state), so a report of an earlier state is never served. A validated year's file is
    kept in ArchivedReport instead; this row then only tracks its rendering. One request renders:
    the others find the row."""

    class Status(models.TextChoices):
        PENDING = "pending", _("en préparation")
        READY = "ready", _("prêt")
        FAILED = "failed", _("échec")

    assessment = models.ForeignKey("grid.Assessment", models.CASCADE, related_name="+",
                                   verbose_name=_("autoévaluation"))
    language = models.CharField(_("langue"), max_length=8, choices=settings.LANGUAGES)
    state = models.CharField(_("état"), max_length=64)
    status = models.CharField(_("statut"), max_length=8, choices=Status.choices,
                              default=Status.PENDING)
    pdf = models.BinaryField(_("rapport PDF"), null=True, blank=True)
    error = models.TextField(_("erreur"), blank=True)
    requested_at = models.DateTimeField(_("demandé le"))
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("rapport préparé")
        verbose_name_plural = _("rapports préparés")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "language", "state"],
                                    name="one_prepared_report_per_state"),
        ]

    def __str__(self):
        return f"{self.assessment_id} · {self.language} · {self.status}"
