"""A cluster's sustainable-development strategy for a period, its 2 to 6 axes and their
objectives (the guide's cycle, links 1 and 3), and the board's decisions on it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.names import NAME_MAX_LENGTH, account_name, person_name
from clusters.models import Cluster
from plans.models import Action

TITLE_MAX_LENGTH = 200
PROCESS_MAX_LENGTH = 2000
ORGANISATIONS_MAX_LENGTH = 1000
RATIONALE_MAX_LENGTH = 2000
COMMENT_MAX_LENGTH = 2000


class Stakeholder(models.TextChoices):
    """The kinds of stakeholders a strategy consults (and, later, a consultation asks)."""

    MEMBER_COMPANY = "company", _("entreprise membre")
    LOCAL_AUTHORITY = "authority", _("collectivité territoriale")
    RESEARCH = "research", _("recherche ou formation")
    ASSOCIATION = "association", _("association")
    FINANCER = "financer", _("financeur")
    OTHER = "other", _("autre")


class Strategy(models.Model):
    """The strategy of `cluster` for the years `start_year` to `end_year`: periods of one
    cluster never overlap, so a year belongs to one strategy at most."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("brouillon")
        SUBMITTED = "submitted", _("soumise à la gouvernance")
        APPROVED = "approved", _("approuvée")
        RETURNED = "returned", _("renvoyée à l'équipe")

    cluster = models.ForeignKey(Cluster, models.CASCADE, related_name="strategies")
    start_year = models.PositiveSmallIntegerField(_("première année"))
    end_year = models.PositiveSmallIntegerField(_("dernière année"))
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("responsable du développement durable"),
    )
    process = models.TextField(_("élaboration de la stratégie"), max_length=PROCESS_MAX_LENGTH,
                               blank=True)
    stakeholders = models.JSONField(_("parties prenantes consultées"), default=list,
                                    blank=True)
    organisations = models.TextField(_("organisations consultées"),
                                     max_length=ORGANISATIONS_MAX_LENGTH, blank=True)
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                   related_name="+")
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    # Moves at every save of its content (strategy.services.strategy_save): a save made on an
    # older revision would overwrite someone's change, and is refused.
    revision = models.PositiveIntegerField(_("révision"), default=0, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["cluster", "-start_year"]
        verbose_name = _("stratégie")
        verbose_name_plural = _("stratégies")
        constraints = [
            models.CheckConstraint(condition=models.Q(end_year__gte=models.F("start_year")),
                                   name="strategy_end_after_start"),
            models.UniqueConstraint(fields=["cluster", "start_year"],
                                    name="strategy_one_per_start"),
        ]

    def __str__(self):
        return f"{self.cluster} · {self.start_year}–{self.end_year}"

    @property
    def responsible_name(self) -> str:
        """The responsible's name as every page writes a person's (accounts.names); "" if none."""
        return account_name(self.responsible)

    @property
    def period(self) -> str:
        return f"{self.start_year}–{self.end_year}"

    def stakeholder_labels(self) -> list[str]:
        labels = dict(Stakeholder.choices)
        return [str(labels[code]) for code in self.stakeholders if code in labels]


class Axis(models.Model):
    """A strategic axis: what it covers (enjeux, levels) and why (the grid's questions and
    sections of the diagnosis that motivate it, by code: codes outlive grid versions)."""

    strategy = models.ForeignKey(Strategy, models.CASCADE, related_name="axes")
    order = models.PositiveSmallIntegerField(_("ordre"))
    title = models.CharField(_("intitulé"), max_length=TITLE_MAX_LENGTH)
    enjeux = models.JSONField(_("enjeux"), default=list)
    levels = models.JSONField(_("niveaux"), default=list)
    question_codes = models.JSONField(_("questions du diagnostic"), default=list, blank=True)
    section_codes = models.JSONField(_("sections du diagnostic"), default=list, blank=True)
    rationale = models.TextField(_("pourquoi"), max_length=RATIONALE_MAX_LENGTH, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["strategy", "order"]
        verbose_name = _("axe stratégique")
        verbose_name_plural = _("axes stratégiques")
        constraints = [
            models.UniqueConstraint(fields=["strategy", "order"], name="axis_order_unique"),
        ]

    def __str__(self):
        return self.title


class Objective(models.Model):
    """A target by a year: a note (of an enjeu, a section or a level, in percent) or the target
    of an action's indicator (in its unit)."""

    class Kind(models.TextChoices):
        ENJEU = "enjeu", _("note d'un enjeu")
        SECTION = "section", _("note d'une section")
        LEVEL = "level", _("note d'un niveau")
        INDICATOR = "indicator", _("indicateur d'une action")

    axis = models.ForeignKey(Axis, models.CASCADE, related_name="objectives")
    order = models.PositiveSmallIntegerField(_("ordre"))
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    # The enjeu's code (« B »), the section's (« 2B ») or the level's number (« 1 »).
    reference = models.CharField(_("référence"), max_length=2, blank=True)
    action = models.ForeignKey(Action, models.SET_NULL, null=True, blank=True, related_name="+",
                               verbose_name=_("action"))
    target = models.DecimalField(_("cible"), max_digits=14, decimal_places=2)
    year = models.PositiveSmallIntegerField(_("échéance (année)"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["axis", "order"]
        verbose_name = _("objectif")
        verbose_name_plural = _("objectifs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="indicator") | models.Q(target__gte=0, target__lte=100),
                name="objective_note_percent",
            ),
        ]

    def __str__(self):
        return f"{self.axis} · {self.kind} {self.reference} {self.target} ({self.year})"


DECISION_LABELS = {
    "submitted": _("Soumise à la gouvernance"),
    "approved": _("Approuvée"),
    "returned": _("Renvoyée à l'équipe"),
    "draft": _("Remise en brouillon (modifiée après approbation)"),
}


class Decision(models.Model):
    """A step of the strategy's workflow, with who and the board's comment, as a year's
    Transition: submitted, approved, returned, or back to draft by an edit once approved."""

    strategy = models.ForeignKey(Strategy, models.CASCADE, related_name="decisions")
    from_status = models.CharField(_("de"), max_length=10, choices=Strategy.Status.choices)
    to_status = models.CharField(_("vers"), max_length=10, choices=Strategy.Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                           related_name="+")
    by_name = models.CharField(_("nom de l'auteur"), max_length=NAME_MAX_LENGTH, blank=True)
    at = models.DateTimeField(_("le"), auto_now_add=True)
    comment = models.TextField(_("commentaire"), max_length=COMMENT_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("décision sur la stratégie")
        verbose_name_plural = _("décisions sur la stratégie")

    def __str__(self):
        return f"{self.strategy} · {self.to_status}"

    @property
    def author(self) -> str:
        return person_name(self.by, self.by_name)

    @property
    def label(self) -> str:
        return str(DECISION_LABELS.get(self.to_status, self.to_status))
