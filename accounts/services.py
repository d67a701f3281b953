"""The interface language: chosen with the navbar's switch, kept in a cookie for everyone and on
the account for people who log in; the session carries the account's choice from login on, so
that reading it costs no query."""

from axes.utils import reset as axes_reset
from django.conf import settings
from django.utils import timezone

from .models import LanguagePreference, MailSwitchOff, Notification

SESSION_KEY = "language"


def supported(language: str | None) -> bool:
    return language in dict(settings.LANGUAGES)


def language_choose(request, language: str) -> None:
    """Remember `language` for this person: on the account and in the session when logged in
    (the view sets the cookie)."""
    if request.user.is_authenticated:
        LanguagePreference.objects.update_or_create(user=request.user,
                                                    defaults={"language": language})
        request.session[SESSION_KEY] = language


def language_restore(sender, request, user, **kwargs):
    """At login (after the session is renewed): the account's language, if it has one."""
    chosen = (LanguagePreference.objects.filter(user=user)
              .values_list("language", flat=True).first())
    if supported(chosen):
        request.session[SESSION_KEY] = chosen


def login_lock_lift(user) -> int:
    """Lift every login lock on `user`'s account, from whatever address (for the password-reset
    mail to call: whoever reads it owns the account). Other accounts' locks stay. Returns the
    number of records of failed logins removed."""
    return axes_reset(username=user.get_username())


def mail_preferences_save(user, *, switched_off: set[str]) -> None:
    """Keep the kinds of mail `user` switched off, and only those."""
    MailSwitchOff.objects.filter(user=user).exclude(kind__in=switched_off).delete()
    for kind in switched_off:
        MailSwitchOff.objects.get_or_create(user=user, kind=kind)


def notifications_mark_read(user, *, pk: int | None = None) -> int:
    """Mark one of `user`'s notifications read (or all of them with pk None); another
    person's is left alone. Returns how many changed."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if pk is not None:
        unread = unread.filter(pk=pk)
    return unread.update(read_at=timezone.now())
