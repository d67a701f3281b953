from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

LOGO_MAX_BYTES = 512 * 1024


def validate_logo_size(upload):
    # The logo is embedded in every PDF report: a large file would weigh on each of them.
    if upload.size > LOGO_MAX_BYTES:
        raise ValidationError(_("Le logo dépasse 512 Ko."), code="logo_too_large")


class Cluster(models.Model):
    """A pôle de compétitivité (or another cluster) that assesses itself every year."""

    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant d'URL"), max_length=80, unique=True)
    logo = models.ImageField(
        _("logo"),
        upload_to="logos/",
        blank=True,
        validators=[FileExtensionValidator(["png", "jpg", "jpeg"]), validate_logo_size],
        help_text=_("PNG ou JPEG, 512 Ko au plus ; imprimé en page 1 du rapport PDF."),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="clusters"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("pôle")
        verbose_name_plural = _("pôles")

    def __str__(self):
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        EDITOR = "editor", _("équipe du pôle")
        BOARD = "board", _("gouvernance")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="memberships")
    cluster = models.ForeignKey(Cluster, models.CASCADE, related_name="memberships")
    role = models.CharField(_("rôle"), max_length=10, choices=Role.choices)

    class Meta:
        ordering = ["cluster", "user"]
        verbose_name = _("membre")
        verbose_name_plural = _("membres")
        constraints = [
            models.UniqueConstraint(fields=["user", "cluster"], name="membership_unique"),
        ]

    def __str__(self):
        return f"{self.user} · {self.cluster} ({self.get_role_display()})"
