from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.names import NAME_MAX_LENGTH

LOGO_MAX_BYTES = 512 * 1024


def validate_logo_size(upload):
    # The logo is embedded in every PDF report: a large file would weigh on each of them.
    if upload.size > LOGO_MAX_BYTES:
        raise ValidationError(_("Le logo dépasse 512 Ko."), code="logo_too_large")


class Cluster(models.Model):
    """A pôle de compétitivité (or another cluster) that assesses itself every year; its profile
    (type, region, sectors, size band) segments the network's aggregates."""

    class Kind(models.TextChoices):
        POLE = "pole", _("pôle de compétitivité")
        CLUSTER = "cluster", _("cluster")
        GRAPPE = "grappe", _("grappe d'entreprises")
        OTHER = "autre", _("autre")

    class Region(models.TextChoices):
        """The 18 regions of France (13 in metropolitan France, 5 overseas)."""

        ARA = "ARA", _("Auvergne-Rhône-Alpes")
        BFC = "BFC", _("Bourgogne-Franche-Comté")
        BRE = "BRE", _("Bretagne")
        CVL = "CVL", _("Centre-Val de Loire")
        COR = "COR", _("Corse")
        GES = "GES", _("Grand Est")
        HDF = "HDF", _("Hauts-de-France")
        IDF = "IDF", _("Île-de-France")
        NOR = "NOR", _("Normandie")
        NAQ = "NAQ", _("Nouvelle-Aquitaine")
        OCC = "OCC", _("Occitanie")
        PDL = "PDL", _("Pays de la Loire")
        PAC = "PAC", _("Provence-Alpes-Côte d'Azur")
        GUA = "GUA", _("Guadeloupe")
        MTQ = "MTQ", _("Martinique")
        GUF = "GUF", _("Guyane")
        LRE = "LRE", _("La Réunion")
        MAY = "MAY", _("Mayotte")

    class Size(models.TextChoices):
        """Number of member organisations."""

        SMALL = "1-49", _("moins de 50 membres")
        MEDIUM = "50-149", _("50 à 149 membres")
        LARGE = "150-299", _("150 à 299 membres")
        XLARGE = "300+", _("300 membres ou plus")

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
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, blank=True)
    region = models.CharField(_("région"), max_length=3, choices=Region.choices, blank=True)
    sectors = models.ManyToManyField("Sector", related_name="clusters", blank=True,
                                     verbose_name=_("secteurs"))
    size = models.CharField(_("taille (nombre de membres)"), max_length=10,
                            choices=Size.choices, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("pôle")
        verbose_name_plural = _("pôles")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("workspace:cluster-detail", args=[self.slug])


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


class Sector(models.Model):
    """A field of activity a cluster works in (« Agroalimentaire », « Numérique »…), for the
    network's segmentation; the list is kept in the admin."""

    name = models.CharField(_("nom"), max_length=100, unique=True)
    slug = models.SlugField(_("identifiant d'URL"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("secteur")
        verbose_name_plural = _("secteurs")

    def __str__(self):
        return gettext(self.name)  # the default sectors are in the catalogue (clusters/sectors.py)


class Network(models.Model):
    """A national or regional network of clusters (DESIGN §8): its coordinators see its
    aggregates only, never one cluster's answers, comments or name."""

    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant d'URL"), max_length=80, unique=True)
    clusters = models.ManyToManyField(Cluster, related_name="networks", blank=True,
                                      verbose_name=_("pôles"))
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="coordinated_networks", blank=True,
        verbose_name=_("coordinateurs"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("réseau")
        verbose_name_plural = _("réseaux")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("network:network-detail", args=[self.slug])


class Invitation(models.Model):
    """An address asked to join a cluster (as editor or board member) or a network (as a
    coordinator). The mail's link carries a random token of which only the hash is kept: a leaked
    database opens nothing. It serves once (`accepted_at`, set by a conditional UPDATE) and until
    `expires_at`; resending replaces the token."""

    class Role(models.TextChoices):
        EDITOR = Membership.Role.EDITOR.value, Membership.Role.EDITOR.label
        BOARD = Membership.Role.BOARD.value, Membership.Role.BOARD.label
        COORDINATOR = "coordinator", _("coordination du réseau")

    email = models.EmailField(_("adresse"))
    cluster = models.ForeignKey(Cluster, models.CASCADE, null=True, blank=True,
                                related_name="invitations")
    network = models.ForeignKey(Network, models.CASCADE, null=True, blank=True,
                                related_name="invitations")
    role = models.CharField(_("rôle"), max_length=12, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                   related_name="+", verbose_name=_("invitée par"))
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    sent_at = models.DateTimeField(_("envoyée le"))
    expires_at = models.DateTimeField(_("expire le"))
    accepted_at = models.DateTimeField(_("acceptée le"), null=True, blank=True)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                    blank=True, related_name="+")
    cancelled_at = models.DateTimeField(_("annulée le"), null=True, blank=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                name="invitation_one_target",
                condition=(
                    models.Q(cluster__isnull=False, network__isnull=True,
                             role__in=["editor", "board"])
                    | models.Q(cluster__isnull=True, network__isnull=False, role="coordinator")
                ),
            ),
            # One open invitation per address and place: a second one is a resend.
            models.UniqueConstraint(
                fields=["email", "cluster"], name="invitation_open_per_cluster",
                condition=models.Q(accepted_at__isnull=True, cancelled_at__isnull=True,
                                   cluster__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["email", "network"], name="invitation_open_per_network",
                condition=models.Q(accepted_at__isnull=True, cancelled_at__isnull=True,
                                   network__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.email} · {self.cluster or self.network} ({self.get_role_display()})"

    @property
    def target(self):
        return self.cluster or self.network


class MembershipChange(models.Model):
    """Who changed a cluster's or a network's people, and when: shown as the members page's
    history. Names are copied, so that a line still reads after the account is gone."""

    class Action(models.TextChoices):
        INVITED = "invited", _("invitation envoyée")
        RESENT = "resent", _("invitation envoyée à nouveau")
        CANCELLED = "cancelled", _("invitation annulée")
        JOINED = "joined", _("invitation acceptée")
        ROLE_CHANGED = "role", _("rôle changé")
        REMOVED = "removed", _("retiré")

    cluster = models.ForeignKey(Cluster, models.CASCADE, null=True, blank=True,
                                related_name="membership_changes")
    network = models.ForeignKey(Network, models.CASCADE, null=True, blank=True,
                                related_name="membership_changes")
    action = models.CharField(_("changement"), max_length=10, choices=Action.choices)
    person = models.CharField(_("personne"), max_length=NAME_MAX_LENGTH)
    role = models.CharField(_("rôle"), max_length=12, choices=Invitation.Role.choices,
                            blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                           related_name="+", verbose_name=_("par"))
    by_name = models.CharField(_("par"), max_length=NAME_MAX_LENGTH, blank=True)
    at = models.DateTimeField(_("le"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("changement de membres")
        verbose_name_plural = _("changements de membres")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} · {self.get_action_display()} · {self.person}"
