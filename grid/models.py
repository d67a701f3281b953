"""The self-assessment grid, versioned (DESIGN §3): questions, barèmes and answer weights."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Length, Replace
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.names import NAME_MAX_LENGTH, person_name
from initiatives.labels import LEVEL_CHOICES
from initiatives.models import Lever, NaturalKeyManager, NaturalKeyMixin, Section, Sheet

from .evidence import LABEL_MAX_LENGTH as EVIDENCE_LABEL_MAX_LENGTH
from .evidence import NAME_MAX_LENGTH as EVIDENCE_NAME_MAX_LENGTH
from .evidence import URL_MAX_LENGTH as EVIDENCE_URL_MAX_LENGTH
from .labels import ANSWER_LABELS, STATUS_LABELS, step_label
from .presenters import TextOrigin
from .rules import (
    BOARD_COMMENT_MAX_LENGTH,
    BOARD_COMMENT_MAX_LINES,
    COMMENT_MAX_LENGTH,
    COMMENT_MAX_LINES,
    LABEL_MAX_LENGTH,
    QUESTION_VALUES,
)
from .scoring import ANSWERS
from .storage import evidence_path, evidence_storage


def _at_most(field: str, limit: int, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=LessThanOrEqual(Length(field), limit), name=name)


def _lines_at_most(field: str, lines: int, name: str) -> models.CheckConstraint:
    """At most `lines` lines: at most `lines` − 1 line breaks (text is stored with \\n only)."""
    breaks = Length(field) - Length(Replace(field, models.Value("\n"), models.Value("")))
    return models.CheckConstraint(condition=LessThanOrEqual(breaks, lines - 1), name=name)


def default_answer_weights():
    # Stored as fraction strings so the scoring stays exact (DESIGN §4).
    return {"++": "1", "+": "2/3", "-": "1/3", "--": "0"}


class GridVersion(NaturalKeyMixin, models.Model):
    natural_key_fields = ("code",)

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("nom"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    answer_weights = models.JSONField(
        _("poids des réponses"),
        default=default_answer_weights,
        help_text=_("Poids de ++, +, -, -- sous forme de fractions (« 2/3 »)."),
    )
    derived_from = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="derived_versions",
        verbose_name=_("créée à partir de"),
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    objects = NaturalKeyManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "code"]
        verbose_name = _("version de la grille")
        verbose_name_plural = _("versions de la grille")

    def __str__(self):
        return f"{self.name} ({self.code})"


class MaturityLevelManager(models.Manager):
    def get_by_natural_key(self, version_code, rank):
        return self.get(version__code=version_code, rank=rank)


class MaturityLevel(models.Model):
    """A named band of the notes (DESIGN §8): four per version, frozen with it (grid.maturity)."""

    version = models.ForeignKey(
        GridVersion, models.CASCADE, related_name="maturity_levels",
        verbose_name=_("version de la grille"),
    )
    rank = models.PositiveSmallIntegerField(
        _("rang"), validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text=_("1 pour le niveau le plus bas, 4 pour le plus haut."),
    )
    letter = models.CharField(_("lettre"), max_length=2)
    name = models.CharField(_("nom"), max_length=40)
    lower_bound = models.PositiveSmallIntegerField(
        _("seuil (%)"), validators=[MaxValueValidator(99)],
        help_text=_("Note minimale du niveau, en pourcentage ; 0 pour le rang 1."),
    )

    objects = MaturityLevelManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "rank"]
        verbose_name = _("niveau de maturité")
        verbose_name_plural = _("niveaux de maturité")
        constraints = [
            models.UniqueConstraint(fields=["version", "rank"], name="maturity_unique_rank"),
            models.CheckConstraint(
                condition=models.Q(rank__gte=1, rank__lte=4), name="maturity_rank_1_to_4"
            ),
            models.CheckConstraint(
                condition=models.Q(lower_bound__gte=0, lower_bound__lte=99),
                name="maturity_bound_below_100",
            ),
            models.CheckConstraint(
                condition=~models.Q(rank=1) | models.Q(lower_bound=0),
                name="maturity_first_from_0",
            ),
        ]

    def __str__(self):
        return f"{self.letter} {self.name} (≥ {self.lower_bound} %)"

    def natural_key(self):
        return (self.version.code, self.rank)

    natural_key.dependencies = ["grid.gridversion"]

    def clean(self):
        if self.rank == 1 and self.lower_bound not in (None, 0):
            raise ValidationError({"lower_bound": _("Le niveau de rang 1 commence à 0 %.")})


class QuestionManager(models.Manager):
    def get_by_natural_key(self, version_code, code):
        return self.get(version__code=version_code, code=code)


class Question(models.Model):
    class Origin(models.TextChoices):
        VERBATIM = "verbatim", _("texte du guide")
        RECONSTRUCTED = "reconstructed", _("reconstituée")  # reviewed or not: `reviewed_on`

    version = models.ForeignKey(
        GridVersion, models.CASCADE, related_name="questions",
        verbose_name=_("version de la grille"),
    )
    section = models.ForeignKey(
        Section, models.PROTECT, related_name="questions", verbose_name=_("section")
    )
    code = models.CharField(_("code"), max_length=10)
    order = models.PositiveSmallIntegerField(_("ordre"))
    text = models.TextField(_("affirmation"))
    bareme = models.PositiveSmallIntegerField(
        _("barème"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    levers = models.ManyToManyField(
        Lever, blank=True, related_name="questions", verbose_name=_("leviers")
    )
    sheets = models.ManyToManyField(
        Sheet, blank=True, related_name="questions", verbose_name=_("fiches")
    )
    origin = models.CharField(_("origine du texte"), max_length=15, choices=Origin.choices)
    anchor_sheet = models.ForeignKey(
        Sheet,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="anchored_questions",
        verbose_name=_("fiche d'ancrage"),
        help_text=_("Fiche dont le principe a servi à écrire une affirmation reconstituée."),
    )
    source_lines = models.CharField(_("lignes du guide"), max_length=40, blank=True)
    # A content admin's reading of a reconstructed question's wording and barème: « revue le … »
    # wherever the question is read (grid.presenters.TextOrigin). Who reviewed stays in history.
    reviewed_on = models.DateField(_("revue le"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("revue par"),
    )

    objects = QuestionManager()
    history = HistoricalRecords(m2m_fields=[levers, sheets])

    class Meta:
        ordering = ["version", "order"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="question_unique_code"),
            models.UniqueConstraint(fields=["version", "order"], name="question_unique_order"),
            models.CheckConstraint(
                condition=models.Q(bareme__gte=1, bareme__lte=4), name="question_bareme_1_to_4"
            ),
            # Only what this application wrote is reviewed: the guide's own texts are the source.
            models.CheckConstraint(
                condition=models.Q(reviewed_on__isnull=True)
                | models.Q(origin="reconstructed"),
                name="question_reviewed_if_reconstructed",
            ),
        ]

    def __str__(self):
        return f"{self.code} · {self.text[:60]}"

    @property
    def text_origin(self):
        """Whose text and barème this is, as every page and export says it (grid.presenters)."""
        return TextOrigin.of(self)

    def natural_key(self):
        return (self.version.code, self.code)

    natural_key.dependencies = ["grid.gridversion", "initiatives.section"]


class Campaign(models.Model):
    """A year of self-assessment and the grid version every cluster uses that year."""

    year = models.PositiveSmallIntegerField(
        _("année"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    version = models.ForeignKey(
        GridVersion, models.PROTECT, related_name="campaigns",
        verbose_name=_("version de la grille"),
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("campagne")
        verbose_name_plural = _("campagnes")

    def __str__(self):
        return f"{self.year} ({self.version.code})"


class Assessment(models.Model):
    """One cluster's grid for one campaign year."""

    class Status(models.TextChoices):
        DRAFT = "draft", STATUS_LABELS["draft"]
        SUBMITTED = "submitted", STATUS_LABELS["submitted"]
        VALIDATED = "validated", STATUS_LABELS["validated"]
        RETURNED = "returned", STATUS_LABELS["returned"]

    EDITABLE = (Status.DRAFT, Status.RETURNED)

    cluster = models.ForeignKey("clusters.Cluster", models.CASCADE, related_name="assessments")
    campaign = models.ForeignKey(Campaign, models.PROTECT, related_name="assessments")
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    scores = models.JSONField(
        _("notes enregistrées"),
        null=True,
        blank=True,
        help_text=_("Notes calculées à la soumission ; l'historique ne bouge plus ensuite."),
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        ordering = ["cluster", "-campaign__year"]
        verbose_name = _("autoévaluation")
        verbose_name_plural = _("autoévaluations")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "campaign"], name="assessment_one_per_year"),
        ]

    def __str__(self):
        return f"{self.cluster} · {self.campaign.year}"

    @property
    def is_editable(self):
        return self.status in self.EDITABLE

    @property
    def file_stem(self) -> str:
        """The name every download of this year shares before its extension: pole-x-2025."""
        return f"{self.cluster.slug}-{self.campaign.year}"


class Answer(models.Model):
    class Value(models.TextChoices):
        FULLY = "++", ANSWER_LABELS["++"]
        RATHER = "+", ANSWER_LABELS["+"]
        RATHER_NOT = "-", ANSWER_LABELS["-"]
        NOT_AT_ALL = "--", ANSWER_LABELS["--"]
        NOT_APPLICABLE = "na", ANSWER_LABELS["na"]

    assessment = models.ForeignKey(Assessment, models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, models.PROTECT, related_name="answers")
    value = models.CharField(_("réponse"), max_length=2, choices=Value.choices, blank=True)
    comment = models.TextField(_("commentaire"), blank=True, max_length=COMMENT_MAX_LENGTH)
    revision = models.PositiveIntegerField(
        _("révision"), default=0, help_text=_("Augmente à chaque enregistrement (conflits).")
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        ordering = ["question__order"]
        verbose_name = _("réponse")
        verbose_name_plural = _("réponses")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "question"], name="answer_one_per_question"
            ),
            models.CheckConstraint(
                condition=models.Q(value__in=["", *QUESTION_VALUES]), name="answer_value_allowed"
            ),
            # The rule « na outside S only » needs the question's section: grid.rules holds it.
            models.CheckConstraint(
                condition=~models.Q(value="na", comment=""), name="answer_na_has_comment"
            ),
            _at_most("comment", COMMENT_MAX_LENGTH, "answer_comment_length"),
            _lines_at_most("comment", COMMENT_MAX_LINES, "answer_comment_lines"),
        ]

    def __str__(self):
        return f"{self.question.code}: {self.value or '—'}"


class CustomAnswer(models.Model):
    """« Si pertinent, autre action » (L411–L413): at most one per enjeu."""

    assessment = models.ForeignKey(Assessment, models.CASCADE, related_name="custom_answers")
    enjeu = models.ForeignKey("initiatives.Enjeu", models.PROTECT, related_name="+")
    label = models.CharField(_("action"), max_length=LABEL_MAX_LENGTH, blank=True)
    level = models.PositiveSmallIntegerField(
        _("niveau"), null=True, blank=True, choices=LEVEL_CHOICES
    )
    bareme = models.PositiveSmallIntegerField(
        _("barème"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    value = models.CharField(
        _("réponse"), max_length=2, blank=True, choices=Answer.Value.choices[:len(ANSWERS)]
    )
    revision = models.PositiveIntegerField(_("révision"), default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        ordering = ["enjeu__code"]
        verbose_name = _("autre action")
        verbose_name_plural = _("autres actions")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "enjeu"], name="custom_one_per_enjeu"),
            models.CheckConstraint(
                condition=models.Q(bareme__isnull=True) | models.Q(bareme__gte=1, bareme__lte=4),
                name="custom_bareme_1_to_4",
            ),
            models.CheckConstraint(
                condition=models.Q(level__isnull=True) | models.Q(level__in=[1, 2]),
                name="custom_level_1_or_2",
            ),
            models.CheckConstraint(
                condition=models.Q(value__in=["", *ANSWERS]), name="custom_value_allowed"
            ),
            _at_most("label", LABEL_MAX_LENGTH, "custom_label_length"),
        ]

    def __str__(self):
        return f"{self.enjeu_id} · {self.label or '—'}"


class Transition(models.Model):
    """A step of the workflow, kept for the record: who, when, from what to what, and why."""

    assessment = models.ForeignKey(Assessment, models.CASCADE, related_name="transitions")
    from_status = models.CharField(_("de"), max_length=10, choices=Assessment.Status.choices)
    to_status = models.CharField(_("vers"), max_length=10, choices=Assessment.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    # The name the author went by then: what a year says outlives their account.
    by_name = models.CharField(_("nom de l'auteur"), max_length=NAME_MAX_LENGTH, blank=True)
    at = models.DateTimeField(_("le"), auto_now_add=True)
    comment = models.TextField(_("commentaire"), blank=True, max_length=BOARD_COMMENT_MAX_LENGTH)
    # Kept as a year, not as a sentence: the step is then worded in the reader's language.
    carried_from = models.PositiveSmallIntegerField(
        _("réponses reprises de"), null=True, blank=True,
        help_text=_("À l'ouverture : l'année dont les réponses ont été reprises."),
    )

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")
        constraints = [
            _at_most("comment", BOARD_COMMENT_MAX_LENGTH, "transition_comment_length"),
            _lines_at_most("comment", BOARD_COMMENT_MAX_LINES, "transition_comment_lines"),
        ]

    def __str__(self):
        return f"{self.assessment} : {self.from_status} → {self.to_status}"

    @property
    def author(self) -> str:
        return person_name(self.by, self.by_name)

    @property
    def label(self) -> str:
        """What happened, in words: « Soumise », « Renvoyée à l'équipe », « Rouverte »…"""
        if self.carried_from:
            return _("Ouverte avec les réponses de %(year)s") % {"year": self.carried_from}
        return step_label(self.from_status, self.to_status)


class GridDisplay(models.Model):
    """How a person likes to read the grid, remembered across devices."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE,
                                related_name="grid_display")
    compact = models.BooleanField(
        _("affichage compact"), default=False,
        help_text=_("Une ligne par question, les réponses en colonnes, comme le classeur."),
    )

    class Meta:
        verbose_name = _("affichage de la grille")
        verbose_name_plural = _("affichages de la grille")

    def __str__(self):
        return f"{self.user} · {'compact' if self.compact else 'détaillé'}"


class Assignment(models.Model):
    """Who of the team answers a section or a question of a year, and by when (issue 23): a
    question assigned on its own overrides its section's assignee (grid.selectors)."""

    assessment = models.ForeignKey(Assessment, models.CASCADE, related_name="assignments",
                                   verbose_name=_("autoévaluation"))
    section = models.ForeignKey(Section, models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name=_("section"))
    question = models.ForeignKey(Question, models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name=_("question"))
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE,
                                 related_name="assignments", verbose_name=_("confiée à"))
    due_on = models.DateField(_("échéance"), null=True, blank=True)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                    blank=True, related_name="+", verbose_name=_("confiée par"))
    at = models.DateTimeField(_("le"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["assessment", "section__order", "question__order"]
        verbose_name = _("répartition")
        verbose_name_plural = _("répartitions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(section__isnull=False, question__isnull=True)
                | models.Q(section__isnull=True, question__isnull=False),
                name="assignment_section_or_question",
            ),
            # NULLs never collide: one row per section, one per question, of a year.
            models.UniqueConstraint(fields=["assessment", "section"],
                                    name="assignment_one_per_section"),
            models.UniqueConstraint(fields=["assessment", "question"],
                                    name="assignment_one_per_question"),
        ]

    def __str__(self):
        target = self.question.code if self.question_id else self.section.code
        return f"{self.assessment} · {target} → {self.assignee}"
class Evidence(models.Model):
    """A file or a link attached to an answer as its evidence (grid.evidence says what may be).

    A file keeps the name its sender gave it (cleaned), its size, its SHA-256 and its type as
    read from the content; it is stored under a random path (grid.storage)."""

    class Kind(models.TextChoices):
        FILE = "file", _("fichier")
        LINK = "link", _("lien")

    answer = models.ForeignKey(Answer, models.CASCADE, related_name="evidence",
                               verbose_name=_("réponse"))
    kind = models.CharField(_("type"), max_length=4, choices=Kind.choices)
    label = models.CharField(_("libellé"), max_length=EVIDENCE_LABEL_MAX_LENGTH)
    file = models.FileField(_("fichier"), storage=evidence_storage, upload_to=evidence_path,
                            max_length=200, blank=True)
    name = models.CharField(_("nom du fichier"), max_length=EVIDENCE_NAME_MAX_LENGTH,
                            blank=True)
    size = models.PositiveIntegerField(_("taille (octets)"), null=True, blank=True)
    sha256 = models.CharField(_("empreinte SHA-256"), max_length=64, blank=True)
    content_type = models.CharField(_("type de contenu"), max_length=100, blank=True)
    url = models.URLField(_("adresse"), max_length=EVIDENCE_URL_MAX_LENGTH, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("ajoutée par"),
    )
    added_at = models.DateTimeField(_("ajoutée le"), auto_now_add=True)

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name = _("pièce justificative")
        verbose_name_plural = _("pièces justificatives")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="file", url="", size__gt=0) & ~models.Q(file="")
                | models.Q(kind="link", file="", size__isnull=True) & ~models.Q(url=""),
                name="evidence_file_or_link",
            ),
        ]

    def __str__(self):
        return self.label
