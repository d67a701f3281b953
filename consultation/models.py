"""A consultation of stakeholders on a year's grid, its links and the answers it received.

No personal data: a link is kept as the hash of its token only, an invited address is mailed and
never stored here (the mail queue keeps it for delivery, as every mail), an answer holds a
category, the answers and a comment, nothing that names who gave it."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grid.models import Assessment
from strategy.models import Stakeholder

COMMENT_MAX_LENGTH = 2000


class Consultation(models.Model):
    """One consultation per cluster-year: the sections asked, until when, and the shared link
    (`token_hash`, blank when each invited address has its own link)."""

    assessment = models.OneToOneField(Assessment, models.CASCADE, related_name="consultation",
                                      verbose_name=_("autoévaluation"))
    section_codes = models.JSONField(_("sections proposées"), default=list)
    closes_on = models.DateField(_("date de clôture"))
    closed_at = models.DateTimeField(_("close le"), null=True, blank=True)
    token_hash = models.CharField(_("empreinte du lien partagé"), max_length=64, blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                  related_name="+")
    opened_at = models.DateTimeField(_("ouverte le"), auto_now_add=True)

    class Meta:
        verbose_name = _("consultation des parties prenantes")
        verbose_name_plural = _("consultations des parties prenantes")
        constraints = [
            models.UniqueConstraint(fields=["token_hash"], condition=~models.Q(token_hash=""),
                                    name="consultation_token_unique"),
        ]

    def __str__(self):
        return f"{self.assessment}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None and timezone.localdate() <= self.closes_on


class Link(models.Model):
    """The link of one invited address: it serves one answer (`used_at`)."""

    consultation = models.ForeignKey(Consultation, models.CASCADE, related_name="links")
    token_hash = models.CharField(_("empreinte du lien"), max_length=64, unique=True)
    sent_at = models.DateTimeField(_("envoyé le"), auto_now_add=True)
    used_at = models.DateTimeField(_("utilisé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("lien personnel")
        verbose_name_plural = _("liens personnels")

    def __str__(self):
        return f"{self.consultation} · {self.pk}"


class Response(models.Model):
    """One stakeholder's answer: a category, question code → answer, an optional comment."""

    consultation = models.ForeignKey(Consultation, models.CASCADE, related_name="responses")
    link = models.OneToOneField(Link, models.SET_NULL, null=True, blank=True,
                                related_name="response")
    category = models.CharField(_("catégorie"), max_length=12, choices=Stakeholder.choices)
    answers = models.JSONField(_("réponses"), default=dict)
    comment = models.TextField(_("commentaire"), max_length=COMMENT_MAX_LENGTH, blank=True)
    submitted_at = models.DateTimeField(_("reçue le"), auto_now_add=True)

    class Meta:
        verbose_name = _("réponse d'une partie prenante")
        verbose_name_plural = _("réponses des parties prenantes")

    def __str__(self):
        return f"{self.consultation} · {self.get_category_display()}"
