from django.db import models
from django.utils.translation import gettext_lazy as _

from clusters.models import Cluster
from grid.models import Assessment


class Snapshot(models.Model):
    """What the network's aggregates need of one submitted or validated assessment, taken once
    from the scores stored at submission and its answers (network.services.snapshots_sync), so
    that a network's page reads one row per cluster and never rescores."""

    assessment = models.OneToOneField(Assessment, models.CASCADE, related_name="network_snapshot")
    cluster = models.ForeignKey(Cluster, models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("année"))
    taken_from = models.DateTimeField(_("état de l'autoévaluation"),
                                      help_text=_("Sa date de modification quand il a été pris."))
    notes = models.JSONField(_("notes"), help_text=_("Note → valeur de 0 à 1 (ou null)."))
    # The global note again, as a column: the trend reads it for every year and cluster.
    global_note = models.FloatField(_("note globale"), null=True)
    answers = models.JSONField(_("réponses"), help_text=_("Question → réponse (vide : aucune)."))

    class Meta:
        verbose_name = _("relevé pour les réseaux")
        verbose_name_plural = _("relevés pour les réseaux")
        indexes = [models.Index(fields=["year", "cluster"])]

    def __str__(self):
        return f"{self.cluster} {self.year}"
