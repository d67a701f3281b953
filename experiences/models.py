from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from initiatives.models import Lever, NaturalKeyManager, NaturalKeyMixin, Sheet

# A year or a month: the sources date their figures no more precisely.
as_of_validator = RegexValidator(r"^\d{4}(-\d{2})?$", _("Une année (2012) ou un mois (2012-06)."))
lines_validator = RegexValidator(
    r"^L\d+(–L\d+)?(, L\d+(–L\d+)?)*$", _("Des lignes du document : « L12 » ou « L12–L40 ».")
)
question_code_validator = RegexValidator(
    r"^(S|[12][A-D])-\d{1,2}$", _("Un code de question de la grille : « 2C-6 ».")
)


class Source(models.TextChoices):
    """The four companion documents of the guide (reference/other-seeds.md)."""

    FRANCE_CLUSTERS = (
        "france-clusters",
        _(
            "France Clusters, « Engagement des pôles et clusters pour la pérennisation des "
            "entreprises par la RSE » (vers 2019)"
        ),
    )
    RAMEAU = (
        "rameau",
        _("Le RAMEAU, « RSE, alliances, partenariats & co-construction territoriale » (2023)"),
    )
    APEC = "apec", _("Apec, « Clusters : des initiatives pour l'emploi » (2016)")
    FRANCE_URBAINE = (
        "france-urbaine",
        _("France urbaine (AMGVF) et Sémaphores, « Le Lab de l'économie et de l'emploi » (2012)"),
    )


class OrganisationType(models.TextChoices):
    POLE = "pole", _("pôle de compétitivité")
    GRAPPE = "grappe", _("grappe d'entreprises")
    CLUSTER = "cluster", _("cluster régional")
    NETWORK = "reseau", _("réseau")
    AUTHORITY = "collectivite", _("collectivité")
    ASSOCIATION = "association", _("association ou dispositif territorial")


class Theme(NaturalKeyMixin, models.Model):
    natural_key_fields = ("slug",)

    slug = models.SlugField(_("identifiant"), max_length=40, unique=True)
    name = models.CharField(_("nom"), max_length=100)
    order = models.PositiveSmallIntegerField(_("ordre"), unique=True)

    objects = NaturalKeyManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order"]
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")

    def __str__(self):
        return self.name


class Experience(NaturalKeyMixin, models.Model):
    """A « retour d'expérience » from a companion document, with its provenance."""

    natural_key_fields = ("slug",)

    slug = models.SlugField(_("identifiant d'URL"), max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(_("ordre"), unique=True)
    title = models.CharField(_("titre"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200)
    organisation_type = models.CharField(
        _("type d'organisation"), max_length=20, choices=OrganisationType.choices
    )
    region = models.CharField(_("région"), max_length=60)
    sector = models.CharField(_("secteur"), max_length=200, blank=True)
    years = models.CharField(_("années"), max_length=60, blank=True)
    themes = models.ManyToManyField(Theme, related_name="experiences", verbose_name=_("thèmes"))
    context = models.TextField(_("contexte"), help_text=_("Markdown."))
    actions = models.TextField(_("ce qui a été fait"), help_text=_("Markdown."))
    results = models.TextField(_("résultats"), blank=True, help_text=_("Markdown."))
    success_factors = models.TextField(
        _("facteurs de succès"), blank=True, help_text=_("Markdown.")
    )
    source = models.CharField(_("document source"), max_length=20, choices=Source.choices)
    source_lines = models.CharField(
        _("lignes du document"), max_length=100, validators=[lines_validator]
    )
    summary_only = models.BooleanField(
        _("résumé"),
        default=False,
        help_text=_("Texte rédigé par nous : la source interdit la reproduction."),
    )
    published = models.BooleanField(_("publié"), default=True)
    sheets = models.ManyToManyField(
        Sheet, through="ExperienceSheet", related_name="experiences", verbose_name=_("fiches")
    )
    levers = models.ManyToManyField(
        Lever, through="ExperienceLever", related_name="experiences", verbose_name=_("leviers")
    )

    objects = NaturalKeyManager()
    history = HistoricalRecords(m2m_fields=[themes])

    class Meta:
        ordering = ["order"]
        verbose_name = _("retour d'expérience")
        verbose_name_plural = _("retours d'expérience")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("experiences:detail", args=[self.slug])


class ExperiencePartManager(models.Manager):
    key = ""

    def get_by_natural_key(self, slug, value):
        return self.get(experience__slug=slug, **{self.key: value})


class KeyFigureManager(ExperiencePartManager):
    key = "order"


class KeyFigure(models.Model):
    experience = models.ForeignKey(
        Experience, models.CASCADE, related_name="key_figures",
        verbose_name=_("retour d'expérience"),
    )
    order = models.PositiveSmallIntegerField(_("ordre"))
    value = models.DecimalField(_("valeur"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("unité"), max_length=40, blank=True)
    label = models.CharField(_("libellé"), max_length=200)
    as_of = models.CharField(_("à la date de"), max_length=7, validators=[as_of_validator])

    objects = KeyFigureManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["experience", "order"]
        verbose_name = _("chiffre clé")
        verbose_name_plural = _("chiffres clés")
        constraints = [
            models.UniqueConstraint(fields=["experience", "order"], name="keyfigure_unique"),
        ]

    def __str__(self):
        return f"{self.value} {self.unit} {self.label}"

    def natural_key(self):
        return (self.experience.slug, self.order)

    natural_key.dependencies = ["experiences.experience"]


class SheetLinkManager(ExperiencePartManager):
    key = "sheet__number"


class ExperienceSheet(models.Model):
    experience = models.ForeignKey(
        Experience, models.CASCADE, related_name="sheet_links",
        verbose_name=_("retour d'expérience"),
    )
    sheet = models.ForeignKey(
        Sheet, models.CASCADE, related_name="experience_links", verbose_name=_("fiche")
    )
    reason = models.CharField(_("raison du lien"), max_length=300)

    objects = SheetLinkManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["experience", "sheet__order"]
        verbose_name = _("lien vers une fiche")
        verbose_name_plural = _("liens vers les fiches")
        constraints = [
            models.UniqueConstraint(fields=["experience", "sheet"], name="experiencesheet_unique"),
        ]

    def __str__(self):
        return f"{self.experience} → {self.sheet.number}"

    def natural_key(self):
        return (self.experience.slug, self.sheet.number)

    natural_key.dependencies = ["experiences.experience", "initiatives.sheet"]


class LeverLinkManager(ExperiencePartManager):
    key = "lever__slug"


class ExperienceLever(models.Model):
    experience = models.ForeignKey(
        Experience, models.CASCADE, related_name="lever_links",
        verbose_name=_("retour d'expérience"),
    )
    lever = models.ForeignKey(
        Lever, models.CASCADE, related_name="experience_links", verbose_name=_("levier")
    )
    reason = models.CharField(_("raison du lien"), max_length=300)

    objects = LeverLinkManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["experience", "lever__order"]
        verbose_name = _("lien vers un levier")
        verbose_name_plural = _("liens vers les leviers")
        constraints = [
            models.UniqueConstraint(fields=["experience", "lever"], name="experiencelever_unique"),
        ]

    def __str__(self):
        return f"{self.experience} → {self.lever}"

    def natural_key(self):
        return (self.experience.slug, self.lever.slug)

    natural_key.dependencies = ["experiences.experience", "initiatives.lever"]


class QuestionLinkManager(ExperiencePartManager):
    key = "code"


class ExperienceQuestion(models.Model):
    """A grid question the experience illustrates, by code: content knows no grid version."""

    experience = models.ForeignKey(
        Experience, models.CASCADE, related_name="question_links",
        verbose_name=_("retour d'expérience"),
    )
    code = models.CharField(
        _("code de question"), max_length=5, validators=[question_code_validator]
    )
    reason = models.CharField(_("raison du lien"), max_length=300)

    objects = QuestionLinkManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["experience", "code"]
        verbose_name = _("lien vers une question")
        verbose_name_plural = _("liens vers les questions")
        constraints = [
            models.UniqueConstraint(
                fields=["experience", "code"], name="experiencequestion_unique"
            ),
        ]

    def __str__(self):
        return f"{self.experience} → {self.code}"

    def natural_key(self):
        return (self.experience.slug, self.code)

    natural_key.dependencies = ["experiences.experience"]
