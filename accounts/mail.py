"""Every mail of the application: rendered when its event happens, in the recipient's language,
inside the caller's transaction (a rollback drops it), and sent after the commit through the
task queue, so that a slow or refusing mail server never delays, fails or undoes what the
person did. A refused send is logged and retried (`manage.py send_pending_mail`)."""

from django.conf import settings
from django.db import transaction
from django.template import Context, engines
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import LanguagePreference, MailKind, MailSwitchOff, Notification, OutgoingMail


def absolute(url: str) -> str:
    """A link a mail can carry: the site's address before a path (a mail has no request)."""
    return url if url.startswith(("http://", "https://")) else settings.SITE_URL + url


def language_of(user) -> str:
    """The language a person chose (accounts.LanguagePreference), else the site's."""
    chosen = (LanguagePreference.objects.filter(user=user)
              .values_list("language", flat=True).first())
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def wants(user, kind: str) -> bool:
    """Whether `user` receives this kind of mail: every kind but the account's can be switched
    off on their mail settings page."""
    if kind == MailKind.ACCOUNT:
        return True
    return not MailSwitchOff.objects.filter(user=user, kind=kind).exists()


def mail_person(user, *, kind: str, template: str, context: dict, url: str,
                notify: bool = True) -> OutgoingMail | None:
    """Mail `user` about an event of this kind (None when they switched it off or have no
    address), and, unless notify is False, note it on their home page until read."""
    language = language_of(user)
    with translation.override(language):
        mail = None
        if user.email and wants(user, kind):
            mail = _queue(user.email, kind=kind, language=language, template=template,
                          context={**context, "recipient": user}, url=url)
        if notify:
            subject = mail.subject if mail else _subject(template, context, url, kind)
            Notification.objects.create(user=user, kind=kind, message=subject[:250], url=url,
                                        language=language)
    return mail


def mail_address(address: str, *, language: str, template: str, context: dict, url: str,
                 kind: str = MailKind.MEMBERSHIP) -> OutgoingMail:
    """Mail an address that may have no account yet (an invitation, a password reset)."""
    with translation.override(language):
        return _queue(address, kind=kind, language=language, template=template,
                      context={**context, "recipient": None}, url=url)


def _context(template_context: dict, url: str, kind: str) -> dict:
    return {
        **template_context,
        "url": absolute(url),
        "site_url": settings.SITE_URL,
        "preferences_url": absolute(reverse("mail-preferences")),
        "kind": kind,
        "kind_label": MailKind(kind).label,
        "switchable": kind != MailKind.ACCOUNT,
    }


def _plain(name: str, context: dict) -> str:
    """A plain-text template rendered without HTML escaping: « L'Odyssée » stays as it is in a
    subject and a text part (the HTML part escapes, as every page does)."""
    return engines["django"].engine.get_template(name).render(Context(context, autoescape=False))


def _subject(template: str, context: dict, url: str, kind: str) -> str:
    text = _plain(f"{template}_subject.txt", _context(context, url, kind))
    return " ".join(text.split())


def _queue(address: str, *, kind: str, language: str, template: str, context: dict,
           url: str) -> OutgoingMail:
    full = _context(context, url, kind)
    mail = OutgoingMail.objects.create(
        recipient=context.get("recipient"),
        address=address,
        kind=kind,
        language=language,
        subject=_subject(template, context, url, kind)[:250],
        text=_plain(f"{template}.txt", full),
        html=render_to_string(f"{template}.html", full),
    )
    from .tasks import deliver_mail  # the task module imports the models this module does

    transaction.on_commit(lambda: deliver_mail.enqueue(mail.pk))
    return mail
