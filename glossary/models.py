from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from initiatives.models import NaturalKeyManager, NaturalKeyMixin, Sheet


class GlossaryTerm(NaturalKeyMixin, models.Model):
    natural_key_fields = ("slug",)

    slug = models.SlugField(_("identifiant d'URL"), max_length=120, unique=True)
    term = models.CharField(_("terme"), max_length=200)
    order = models.PositiveSmallIntegerField(_("ordre dans le guide"), unique=True)
    definition = models.TextField(_("définition"), help_text=_("Markdown."))
    source_lines = models.CharField(_("lignes du guide"), max_length=40, blank=True)
    source = models.CharField(
        _("autre source"),
        max_length=300,
        blank=True,
        help_text=_("Document et lignes d'où vient le terme, s'il ne vient pas du guide."),
    )
    sheets = models.ManyToManyField(
        Sheet, through="GlossaryLink", related_name="glossary_terms", verbose_name=_("fiches")
    )

    objects = NaturalKeyManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["term"]
        verbose_name = _("terme du glossaire")
        verbose_name_plural = _("termes du glossaire")

    def __str__(self):
        return self.term

    def get_absolute_url(self):
        return reverse("glossary:term-detail", args=[self.slug])


class GlossaryLinkManager(models.Manager):
    def get_by_natural_key(self, term_slug, sheet_number):
        return self.get(term__slug=term_slug, sheet__number=sheet_number)


class GlossaryLink(models.Model):
    """A term ↔ sheet link: printed in the guide (`explicit`) or proposed by us (`proposed`)."""

    class Kind(models.TextChoices):
        EXPLICIT = "explicit", _("indiqué dans le guide")
        PROPOSED = "proposed", _("proposé")

    term = models.ForeignKey(
        GlossaryTerm, models.CASCADE, related_name="links", verbose_name=_("terme")
    )
    sheet = models.ForeignKey(
        Sheet, models.CASCADE, related_name="glossary_links", verbose_name=_("fiche")
    )
    kind = models.CharField(_("origine"), max_length=10, choices=Kind.choices)
    note = models.CharField(
        _("justification"), max_length=300, blank=True, help_text=_("Pourquoi ce lien est proposé.")
    )

    objects = GlossaryLinkManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["term", "sheet__order"]
        verbose_name = _("lien glossaire → fiche")
        verbose_name_plural = _("liens glossaire → fiches")
        constraints = [
            models.UniqueConstraint(fields=["term", "sheet"], name="glossarylink_unique"),
        ]

    def __str__(self):
        return f"{self.term} → {self.sheet.number} ({self.get_kind_display()})"

    def natural_key(self):
        return (self.term.slug, self.sheet.number)

    natural_key.dependencies = ["glossary.glossaryterm", "initiatives.sheet"]
