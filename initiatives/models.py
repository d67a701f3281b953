"""The guide as data: enjeux, levels, sections, levers, sheets, paths, references and concepts.

Every model has a natural key so that `fixtures/guide.json` is stable and re-loadable: loading it
again updates rows in place instead of duplicating them.
"""

from urllib.parse import urlencode

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# Colours are written into the shared stylesheet (/couleurs.css): nothing but a hex colour.
validate_colour = RegexValidator(
    r"\A#[0-9a-fA-F]{6}\Z", _("Une couleur s'écrit « #rrggbb », par exemple « #1f5fa8 ».")
)


class NaturalKeyManager(models.Manager):
    """Looks a row up by the fields named in the model's `natural_key_fields`."""

    def get_by_natural_key(self, *values):
        return self.get(**dict(zip(self.model.natural_key_fields, values, strict=True)))


class NaturalKeyMixin:
    natural_key_fields: tuple[str, ...] = ()

    def natural_key(self):
        return tuple(getattr(self, name) for name in self.natural_key_fields)


class Enjeu(NaturalKeyMixin, models.Model):
    natural_key_fields = ("code",)

    code = models.CharField(_("code"), max_length=1, unique=True)
    name = models.CharField(_("intitulé"), max_length=200)
    short_name = models.CharField(_("intitulé court"), max_length=60)
    interpretation = models.TextField(
        _("interprétation des résultats"),
        help_text=_("Texte du guide qui aide à lire la note de cet axe (Markdown)."),
    )
    colour = models.CharField(
        _("couleur"), max_length=7, validators=[validate_colour],
        help_text=_("Couleur de l'axe du radar et du parcours, « #rrggbb ».")
    )
    source_lines = models.CharField(_("lignes du guide"), max_length=40, blank=True)

    objects = NaturalKeyManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("enjeu")
        verbose_name_plural = _("enjeux")

    def __str__(self):
        return f"{self.code} · {self.name}"


class Level(NaturalKeyMixin, models.Model):
    natural_key_fields = ("number",)

    number = models.PositiveSmallIntegerField(_("numéro"), unique=True)
    name = models.CharField(_("intitulé"), max_length=100)
    description = models.TextField(_("description"), blank=True)

    objects = NaturalKeyManager()

    class Meta:
        ordering = ["number"]
        verbose_name = _("niveau")
        verbose_name_plural = _("niveaux")

    def __str__(self):
        return f"{self.number} · {self.label}"

    @property
    def label(self) -> str:
        """The name in the page's language: the guide's two level names are in the catalogue
        (initiatives.labels), as the radars and tables print them."""
        return gettext(self.name)


class Section(NaturalKeyMixin, models.Model):
    """A cell of the matrix (enjeu × level), or the 9th cell `S`, the global strategy."""

    natural_key_fields = ("code",)

    code = models.CharField(_("code"), max_length=2, unique=True)
    enjeu = models.ForeignKey(
        Enjeu, models.PROTECT, null=True, blank=True, related_name="sections",
        verbose_name=_("enjeu"),
    )
    level = models.ForeignKey(
        Level, models.PROTECT, null=True, blank=True, related_name="sections",
        verbose_name=_("niveau"),
    )
    order = models.PositiveSmallIntegerField(_("ordre"), unique=True)
    title = models.CharField(_("titre"), max_length=300)
    tagline = models.CharField(_("accroche"), max_length=300, blank=True)
    synopsis = models.TextField(_("synopsis"), blank=True, help_text=_("Markdown."))
    source_lines = models.CharField(_("lignes du guide"), max_length=40, blank=True)

    objects = NaturalKeyManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(enjeu__isnull=True) & models.Q(level__isnull=True))
                | (models.Q(enjeu__isnull=False) & models.Q(level__isnull=False)),
                name="section_enjeu_and_level_together",
            ),
        ]

    def __str__(self):
        return f"{self.code} · {self.title}"

    def get_absolute_url(self):
        """The section's sheets (all of them for S, whose only sheet is « + »)."""
        from django.urls import reverse

        url = reverse("guide:sheet-list")
        if self.is_strategy:
            return url
        return f"{url}?{urlencode({'enjeu': self.code[1], 'level': self.code[0]})}"

    @property
    def is_strategy(self):
        return self.enjeu_id is None


class Lever(NaturalKeyMixin, models.Model):
    natural_key_fields = ("slug",)

    slug = models.SlugField(_("identifiant"), max_length=120, unique=True)
    name = models.CharField(_("nom"), max_length=200)
    aliases = models.TextField(
        _("variantes du nom"),
        blank=True,
        help_text=_("Autres graphies du guide, une par ligne ; la recherche les trouve aussi."),
    )
    section = models.ForeignKey(
        Section, models.PROTECT, related_name="levers", verbose_name=_("section")
    )
    order = models.PositiveSmallIntegerField(_("ordre"))
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    source_lines = models.CharField(_("lignes du guide"), max_length=40, blank=True)

    objects = NaturalKeyManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["section__order", "order"]
        verbose_name = _("levier")
        verbose_name_plural = _("leviers")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        """A lever has no page: its sheets are its page."""
        from django.urls import reverse

        return f"{reverse('guide:sheet-list')}?{urlencode({'lever': self.slug})}"

    @property
    def alias_list(self):
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]


class SheetQuerySet(models.QuerySet):
    def with_context(self):
        """What list and detail pages show, fetched in a constant number of queries."""
        return self.select_related("section__enjeu", "section__level").prefetch_related("levers")


class SheetManager(NaturalKeyManager.from_queryset(SheetQuerySet)):
    pass


class Sheet(NaturalKeyMixin, models.Model):
    """A fiche-initiative: `+` (Agenda 21) or 1–36, with the nine parts of the guide."""

    natural_key_fields = ("number",)
    # The nine parts every sheet has (DESIGN §2); Applicabilité is split in two for filtering.
    PARTS = (
        "principle",
        "benefits",
        "costs",
        "key_steps",
        "success_factors",
        "actors",
        "case_study",
        "sector",
        "maturity",
    )

    number = models.CharField(_("numéro"), max_length=2, unique=True)
    slug = models.SlugField(_("identifiant d'URL"), max_length=20, unique=True)
    order = models.PositiveSmallIntegerField(_("ordre"), unique=True)
    title = models.CharField(_("titre"), max_length=300)
    title_variants = models.TextField(
        _("variantes du titre"), blank=True, help_text=_("Titres du sommaire, un par ligne.")
    )
    section = models.ForeignKey(
        Section, models.PROTECT, related_name="sheets", verbose_name=_("section")
    )
    levers = models.ManyToManyField(
        Lever, blank=True, related_name="sheets", verbose_name=_("leviers")
    )
    principle = models.TextField(_("principe"), help_text=_("Markdown."))
    benefits = models.TextField(_("bénéfices attendus"), help_text=_("Markdown, par public."))
    costs = models.TextField(_("coûts"), help_text=_("Markdown."))
    key_steps = models.TextField(_("étapes clés du processus"), help_text=_("Markdown."))
    success_factors = models.TextField(_("facteurs-clés de succès"), help_text=_("Markdown."))
    actors = models.TextField(_("acteurs à mobiliser"), help_text=_("Markdown."))
    case_study = models.TextField(
        _("cas pratique"),
        help_text=_(
            "Markdown. L'organisation et ce qu'elle a fait, sans coordonnées personnelles."
        ),
    )
    sector = models.CharField(_("applicabilité : secteur"), max_length=200)
    maturity = models.CharField(_("applicabilité : maturité"), max_length=200)
    source_lines = models.CharField(
        _("lignes du guide"), max_length=40, help_text=_("Provenance dans le guide de 2012.")
    )

    objects = SheetManager()
    history = HistoricalRecords(m2m_fields=[levers])

    class Meta:
        ordering = ["order"]
        verbose_name = _("fiche-initiative")
        verbose_name_plural = _("fiches-initiatives")

    def __str__(self):
        return f"{self.number} · {self.title}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("guide:sheet-detail", args=[self.slug])

    @property
    def is_agenda21(self):
        return self.number == "+"


class Path(NaturalKeyMixin, models.Model):
    """A thematic path (§6.4): a sequence of steps from and back to the Agenda 21 sheet."""

    natural_key_fields = ("code",)

    code = models.CharField(_("code"), max_length=3, unique=True)
    slug = models.SlugField(_("identifiant d'URL"), max_length=3, unique=True)
    name = models.CharField(_("nom"), max_length=200)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    enjeu = models.ForeignKey(
        Enjeu,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="paths",
        help_text=_("Vide pour le parcours transversal « Exemplarité »."),
        verbose_name=_("enjeu"),
    )
    order = models.PositiveSmallIntegerField(_("ordre"), unique=True)
    colour = models.CharField(
        _("couleur"), max_length=7, validators=[validate_colour], help_text=_("« #rrggbb ».")
    )

    objects = NaturalKeyManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order"]
        verbose_name = _("parcours")
        verbose_name_plural = pgettext_lazy("plural", "parcours")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("guide:path-detail", args=[self.slug])


class PathStepManager(models.Manager):
    def get_by_natural_key(self, path_code, step, option):
        return self.get(path__code=path_code, step=step, option=option)


class PathStep(models.Model):
    path = models.ForeignKey(Path, models.CASCADE, related_name="steps", verbose_name=_("parcours"))
    step = models.PositiveSmallIntegerField(_("étape"))
    option = models.PositiveSmallIntegerField(
        _("option"), null=True, blank=True, help_text=_("1 à 3 quand l'étape propose un choix.")
    )
    sheet = models.ForeignKey(
        Sheet, models.PROTECT, related_name="path_steps", verbose_name=_("fiche")
    )
    inferred = models.BooleanField(
        _("place déduite"),
        default=False,
        help_text=_("La fiche ne porte pas de pastille dans le guide ; sa place est déduite."),
    )

    objects = PathStepManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["path__order", "step", "option"]
        verbose_name = _("étape de parcours")
        verbose_name_plural = _("étapes de parcours")
        constraints = [
            models.UniqueConstraint(fields=["path", "step", "option"], name="pathstep_unique_slot"),
            models.CheckConstraint(
                condition=models.Q(step__gte=1, step__lte=7), name="pathstep_step_1_to_7"
            ),
            models.CheckConstraint(
                condition=models.Q(option__isnull=True) | models.Q(option__gte=1, option__lte=3),
                name="pathstep_option_1_to_3",
            ),
        ]

    def __str__(self):
        option = f".{self.option}" if self.option else ""
        return f"{self.path.code} {self.step}{option} → {self.sheet.number}"

    def natural_key(self):
        return (self.path.code, self.step, self.option)

    natural_key.dependencies = ["initiatives.path", "initiatives.sheet"]


class Concept(NaturalKeyMixin, models.Model):
    """An idea of the guide's introduction shown on the « démarche » page (§9)."""

    natural_key_fields = ("kind", "order")

    class Kind(models.TextChoices):
        LEVER_FAMILY = "lever_family", _("Leviers du développement durable pour les pôles")
        SUCCESS_FACTOR = "success_factor", _("Facteurs clés de succès")
        SNDD_CHALLENGE = "sndd_challenge", _("Défis de la stratégie nationale de DD")
        ISO_SUBJECT = "iso_subject", _("Questions centrales de l'ISO 26000")
        CYCLE_LINK = "cycle_link", _("Maillons du cycle vertueux")
        ENTRY_ROUTE = "entry_route", _("Portes d'entrée dans le cycle")
        ACTION_LEVEL = "action_level", _("Niveaux d'action")

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    order = models.PositiveSmallIntegerField(_("ordre"))
    title = models.CharField(_("titre"), max_length=300)
    body = models.TextField(_("texte"), blank=True, help_text=_("Markdown."))
    source_lines = models.CharField(_("lignes du guide"), max_length=40, blank=True)

    objects = NaturalKeyManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "order"]
        verbose_name = _("notion de la démarche")
        verbose_name_plural = _("notions de la démarche")
        constraints = [
            models.UniqueConstraint(fields=["kind", "order"], name="concept_unique_order"),
        ]

    def __str__(self):
        return self.title


class Reference(NaturalKeyMixin, models.Model):
    """An entry of « Principaux ouvrages et études de référence » (§8)."""

    natural_key_fields = ("order",)

    category = models.CharField(_("catégorie"), max_length=100)
    order = models.PositiveSmallIntegerField(_("ordre"), unique=True)
    text = models.TextField(_("référence"), help_text=_("Markdown."))
    source_lines = models.CharField(_("lignes du guide"), max_length=40, blank=True)

    objects = NaturalKeyManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order"]
        verbose_name = _("référence")
        verbose_name_plural = _("références")

    def __str__(self):
        return self.text[:80]
