"""The self-assessment grid, versioned (DESIGN §3): questions, barèmes and answer weights."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from initiatives.models import Lever, NaturalKeyManager, NaturalKeyMixin, Section, Sheet


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


class QuestionManager(models.Manager):
    def get_by_natural_key(self, version_code, code):
        return self.get(version__code=version_code, code=code)


class Question(models.Model):
    class Origin(models.TextChoices):
        VERBATIM = "verbatim", _("texte du guide")
        RECONSTRUCTED = "reconstructed", _("reconstituée, à relire")

    version = models.ForeignKey(GridVersion, models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, models.PROTECT, related_name="questions")
    code = models.CharField(_("code"), max_length=10)
    order = models.PositiveSmallIntegerField(_("ordre"))
    text = models.TextField(_("affirmation"))
    bareme = models.PositiveSmallIntegerField(
        _("barème"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    levers = models.ManyToManyField(Lever, blank=True, related_name="questions")
    sheets = models.ManyToManyField(Sheet, blank=True, related_name="questions")
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
        ]

    def __str__(self):
        return f"{self.code} · {self.text[:60]}"

    def natural_key(self):
        return (self.version.code, self.code)

    natural_key.dependencies = ["grid.gridversion", "initiatives.section"]
