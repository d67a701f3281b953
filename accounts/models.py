from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LanguagePreference(models.Model):
    """The interface language a person chose, so that it follows them to any browser they log
    in from."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, primary_key=True,
                                related_name="language_preference")
    language = models.CharField(_("langue"), max_length=8, choices=settings.LANGUAGES)

    class Meta:
        verbose_name = _("langue de l'interface")
        verbose_name_plural = _("langues de l'interface")

    def __str__(self):
        return f"{self.user} · {self.language}"


class MailKind(models.TextChoices):
    """What a mail is about; each kind but ACCOUNT has a switch in the person's mail settings."""

    WORKFLOW = "workflow", _("une année soumise, renvoyée, validée ou rouverte")
    ACTION_COMMENT = "action_comment", _("un commentaire de la gouvernance sur une action")
    REMINDER = "reminder", _("les actions qui arrivent à échéance ou sont en retard")
    ASSIGNMENT = "assignment", _("une section ou une question de la grille qui vous est confiée")
    STRATEGY = "strategy", _("la stratégie soumise, approuvée ou renvoyée")
    MEMBERSHIP = "membership", _("votre place dans un pôle ou un réseau (invitation, rôle)")
    ACCOUNT = "account", _("votre compte (mot de passe oublié)")


SWITCHABLE_KINDS = [kind for kind in MailKind if kind != MailKind.ACCOUNT]


class MailSwitchOff(models.Model):
    """A kind of mail a person asked not to receive (every kind is on until switched off)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE,
                             related_name="mail_switches_off")
    kind = models.CharField(_("type de courriel"), max_length=20,
                            choices=[(k.value, k.label) for k in SWITCHABLE_KINDS])

    class Meta:
        verbose_name = _("courriel désactivé")
        verbose_name_plural = _("courriels désactivés")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="mail_switch_off_unique"),
        ]

    def __str__(self):
        return f"{self.user} · {self.kind}"


class OutgoingMail(models.Model):
    """A mail rendered when its event happened and sent after the commit; kept so that a
    refused or timed-out send is retried (`manage.py send_pending_mail`) and can be read in
    the admin."""

    class Status(models.TextChoices):
        PENDING = "pending", _("à envoyer")
        SENT = "sent", _("envoyé")
        FAILED = "failed", _("abandonné")

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                  blank=True, related_name="+", verbose_name=_("destinataire"))
    address = models.EmailField(_("adresse"))
    kind = models.CharField(_("type"), max_length=20, choices=MailKind.choices)
    language = models.CharField(_("langue"), max_length=8, choices=settings.LANGUAGES)
    subject = models.CharField(_("objet"), max_length=250)
    text = models.TextField(_("texte"))
    html = models.TextField(_("HTML"))
    status = models.CharField(_("état"), max_length=10, choices=Status.choices,
                              default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    last_error = models.TextField(_("dernière erreur"), blank=True)
    # Set while a worker sends it, so that a retry run at the same time leaves it alone.
    claimed_at = models.DateTimeField(_("envoi commencé le"), null=True, blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("courriel")
        verbose_name_plural = _("courriels")
        indexes = [models.Index(fields=["status", "created_at"], name="outgoing_mail_status")]

    def __str__(self):
        return f"{self.address} · {self.subject}"


class Notification(models.Model):
    """What happened that concerns a person, shown on their home page until they read it
    (written in their language when it happened, as its mail)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE,
                             related_name="notifications")
    kind = models.CharField(_("type"), max_length=20, choices=MailKind.choices)
    message = models.CharField(_("message"), max_length=250)
    # The message's language (the person's when it happened), for pages in another one.
    language = models.CharField(_("langue"), max_length=8, choices=settings.LANGUAGES,
                                default=settings.LANGUAGE_CODE)
    url = models.CharField(_("lien"), max_length=500)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    read_at = models.DateTimeField(_("lue le"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]

    def __str__(self):
        return f"{self.user} · {self.message}"
