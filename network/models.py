from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clusters.models import Cluster, Network
from grid.models import Assessment


class Snapshot(models.Model):
    """One state of a cluster's year as a network counts it, kept for good: taken when the year
    is submitted (again, with other answers), withdrawn (returned, reopened), or when its cluster
    joins or leaves the network (network.services). A network's figures read a year's snapshots
    in the order they were taken (network.anonymity.published), never rescore, and segment by
    the profile recorded here: the cluster's as it stood at submission."""

    network = models.ForeignKey(Network, models.CASCADE, related_name="+")
    assessment = models.ForeignKey(Assessment, models.CASCADE, related_name="network_snapshots")
    cluster = models.ForeignKey(Cluster, models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("année"))
    taken_at = models.DateTimeField(_("pris le"), default=timezone.now)
    counted = models.BooleanField(
        _("compté"), help_text=_("Faux : l'année ne compte plus (renvoyée, rouverte, ou le pôle "
                                 "a quitté le réseau)."))
    region = models.CharField(_("région"), max_length=3, blank=True)
    kind = models.CharField(_("type"), max_length=10, blank=True)
    size = models.CharField(_("taille"), max_length=10, blank=True)
    sectors = models.JSONField(_("secteurs"), default=list)
    notes = models.JSONField(_("notes"), default=dict,
                             help_text=_("Note → valeur de 0 à 1 (ou null)."))
    # The global note again, as a column: the trend reads it for every year and cluster.
    global_note = models.FloatField(_("note globale"), null=True)
    answers = models.JSONField(_("réponses"), default=dict,
                               help_text=_("Question → réponse (vide : aucune)."))
    # Of the notes and answers: two snapshots with one digest give the same figures.
    digest = models.CharField(_("empreinte"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("relevé pour les réseaux")
        verbose_name_plural = _("relevés pour les réseaux")
        indexes = [models.Index(fields=["network", "year", "taken_at"]),
                   models.Index(fields=["assessment", "network", "taken_at"])]

    def __str__(self):
        return f"{self.cluster} {self.year}"
