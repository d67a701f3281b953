from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Cluster(models.Model):
    """A pôle de compétitivité (or another cluster) that assesses itself every year."""

    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant d'URL"), max_length=80, unique=True)
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
