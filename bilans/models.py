"""A validated year made public by the board (the guide's cycle, link 5): the row exists once
the year was first published, so that a withdrawn bilan answers 410 and a never published one
404."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from grid.models import Assessment

TEXT_MAX_LENGTH = 3000
TEXT_MAX_LINES = 40


class Bilan(models.Model):
    assessment = models.OneToOneField(Assessment, models.CASCADE, related_name="bilan",
                                      verbose_name=_("autoévaluation"))
    text = models.TextField(_("ce que la gouvernance choisit d'ajouter"),
                            max_length=TEXT_MAX_LENGTH, blank=True)
    published = models.BooleanField(_("publié"), default=False)
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                     blank=True, related_name="+")
    # Moves at every publication, withdrawal or edit of the text: the public page's cached
    # copy is kept under it (bilans.selectors.public_state), so none outlives a change.
    revision = models.PositiveIntegerField(_("révision"), default=0, editable=False)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bilan public")
        verbose_name_plural = _("bilans publics")

    def __str__(self):
        return str(self.assessment)
