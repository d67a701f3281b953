"""The interface language: chosen with the navbar's switch, kept in a cookie for everyone and on
the account for people who log in; the session carries the account's choice from login on, so
that reading it costs no query."""

from axes.utils import reset as axes_reset
from django.conf import settings

from .models import LanguagePreference

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
