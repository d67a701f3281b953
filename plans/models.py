"""Actions a cluster plans and steers across years, and the path steps it has reached."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from accounts.names import NAME_MAX_LENGTH, person_name
from clusters.models import Cluster
from initiatives.models import PathStep, Sheet

TITLE_MAX_LENGTH = 200
NOTES_MAX_LENGTH = 2000
COMMENT_MAX_LENGTH = 2000
OWNER_MAX_LENGTH = 120
INDICATOR_MAX_LENGTH = 200
UNIT_MAX_LENGTH = 40


class Action(models.Model):
    """An action of the cluster's plan: it belongs to the cluster and spans years."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("prévue")
        IN_PROGRESS = "in_progress", _("en cours")
        DONE = "done", _("réalisée")
        DROPPED = "dropped", _("abandonnée")

    cluster = models.ForeignKey(Cluster, models.CASCADE, related_name="actions")
    title = models.CharField(_("intitulé"), max_length=TITLE_MAX_LENGTH)
    sheets = models.ManyToManyField(Sheet, blank=True, related_name="actions",
                                    verbose_name=_("fiches"))
    # Codes of grid questions (« 2C-3 »): codes outlive grid versions, the action spans years.
    question_codes = models.JSONField(_("questions"), default=list, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("responsable (membre)"),
    )
    owner_name = models.CharField(_("responsable"), max_length=OWNER_MAX_LENGTH, blank=True)
    starts_on = models.DateField(_("début"), null=True, blank=True)
    due_on = models.DateField(_("échéance"), null=True, blank=True)
    status = models.CharField(_("statut"), max_length=12, choices=Status.choices,
                              default=Status.PLANNED)
    done_on = models.DateField(_("réalisée le"), null=True, blank=True)
    indicator = models.CharField(_("indicateur"), max_length=INDICATOR_MAX_LENGTH, blank=True)
    unit = models.CharField(_("unité"), max_length=UNIT_MAX_LENGTH, blank=True)
    baseline = models.DecimalField(_("valeur de départ"), max_digits=14, decimal_places=2,
                                   null=True, blank=True)
    target = models.DecimalField(_("cible"), max_digits=14, decimal_places=2,
                                 null=True, blank=True)
    measured = models.DecimalField(_("valeur mesurée"), max_digits=14, decimal_places=2,
                                   null=True, blank=True)
    notes = models.TextField(pgettext_lazy("free text", "notes"), max_length=NOTES_MAX_LENGTH,
                             blank=True)
    # The strategic axis the action serves (the guide's link 3: axes turned into a plan). Named
    # by string: the one relation of plans upwards (tests/test_layers.py); plans never imports
    # strategy's code and reads the axes it may offer through settings.PLAN_AXES.
    axis = models.ForeignKey("strategy.Axis", models.SET_NULL, null=True, blank=True,
                             related_name="actions", verbose_name=_("axe stratégique"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                   related_name="+")
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    # Moves at every change (plans.services.action_update): a save made on an older revision
    # than the stored one would overwrite someone's change, and is refused.
    revision = models.PositiveIntegerField(_("révision"), default=0, editable=False)

    history = HistoricalRecords(m2m_fields=[sheets])

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(starts_on__isnull=True) | models.Q(due_on__isnull=True)
                | models.Q(due_on__gte=models.F("starts_on")),
                name="action_due_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["planned", "in_progress", "done", "dropped"]),
                name="action_status_known",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("plans:action-detail", args=[self.cluster.slug, self.pk])


class ActionComment(models.Model):
    """A comment on an action, mostly the board's as it reads the plan."""

    action = models.ForeignKey(Action, models.CASCADE, related_name="comments")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                           related_name="+")
    # The name the author went by then: the comment outlives their account.
    by_name = models.CharField(_("nom de l'auteur"), max_length=NAME_MAX_LENGTH, blank=True)
    at = models.DateTimeField(_("le"), auto_now_add=True)
    text = models.TextField(_("commentaire"), max_length=COMMENT_MAX_LENGTH)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("commentaire d'action")
        verbose_name_plural = _("commentaires d'action")

    def __str__(self):
        return f"{self.action} · {self.at:%Y-%m-%d}"

    @property
    def author(self) -> str:
        return person_name(self.by, self.by_name)


class StepReached(models.Model):
    """A path step the cluster marked as reached. A step is also reached, without a row here,
    when an action linked to its sheet is done (plans.selectors.path_progress)."""

    cluster = models.ForeignKey(Cluster, models.CASCADE, related_name="steps_reached")
    step = models.ForeignKey(PathStep, models.CASCADE, related_name="+")
    reached_on = models.DateField(_("atteinte le"))
    note = models.TextField(pgettext_lazy("free text", "note"), max_length=NOTES_MAX_LENGTH,
                            blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                           related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["step__path__order", "step__step", "step__option"]
        verbose_name = _("étape atteinte")
        verbose_name_plural = _("étapes atteintes")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "step"], name="step_reached_once"),
        ]

    def __str__(self):
        return f"{self.cluster} · {self.step_id}"


class ActionReminder(models.Model):
    """The last day the team was reminded of an action falling due or overdue
    (`manage.py send_reminders`): one row per action, so that it is reminded once a week at
    most, however often the command runs."""

    action = models.OneToOneField(Action, models.CASCADE, primary_key=True,
                                  related_name="reminder")
    sent_on = models.DateField(_("dernier rappel le"))

    class Meta:
        verbose_name = _("rappel d'échéance")
        verbose_name_plural = _("rappels d'échéance")

    def __str__(self):
        return f"{self.action} · {self.sent_on}"
