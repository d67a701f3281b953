"""Background work of the accounts app (django-tasks): sending a mail that accounts.mail queued.
With the database backend `manage.py db_worker` runs it; with the immediate backend
(development, tests) it runs at the commit of the request that queued it."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task

from .models import OutgoingMail

log = logging.getLogger(__name__)

# After that many refusals a mail is given up (its row stays, « abandonné », for the admin).
MAX_ATTEMPTS = 5


@task()
def deliver_mail(mail_id: int) -> None:
    send(mail_id)


def _claim(mail_id: int) -> bool:
    """Take a waiting mail for this worker alone; a claim older than a send can last (a worker
    that died mid-send) may be taken again."""
    now = timezone.now()
    stale = now - timedelta(seconds=3 * (settings.EMAIL_TIMEOUT or 60))
    return bool(
        OutgoingMail.objects.filter(pk=mail_id, status=OutgoingMail.Status.PENDING)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=stale))
        .update(claimed_at=now, attempts=F("attempts") + 1)
    )


def send(mail_id: int) -> bool:
    """Send one queued mail; a refusal or a timeout is logged and counted, never raised: the
    event the mail tells of has happened all the same, and the mail is retried later. No
    transaction is held while the mail server answers."""
    if not _claim(mail_id):  # sent already, given up, or being sent by another worker
        return False
    mail = OutgoingMail.objects.get(pk=mail_id)
    message = EmailMultiAlternatives(mail.subject, mail.text, to=[mail.address])
    message.attach_alternative(mail.html, "text/html")
    try:
        message.send()
    except Exception as error:  # smtplib, socket and TLS errors alike
        given_up = mail.attempts >= MAX_ATTEMPTS
        log.warning("Mail %s to %s refused (attempt %s%s): %r", mail.pk, mail.address,
                    mail.attempts, ", given up" if given_up else "", error)
        OutgoingMail.objects.filter(pk=mail.pk).update(
            claimed_at=None, last_error=repr(error)[:2000],
            status=OutgoingMail.Status.FAILED if given_up else OutgoingMail.Status.PENDING,
        )
        return False
    OutgoingMail.objects.filter(pk=mail.pk).update(
        status=OutgoingMail.Status.SENT, sent_at=timezone.now(), claimed_at=None)
    return True


def send_pending() -> tuple[int, int]:
    """Try again every mail still waiting (a refused one, or one whose task was lost); returns
    (sent now, still waiting)."""
    waiting = (OutgoingMail.objects.filter(status=OutgoingMail.Status.PENDING)
               .order_by("created_at").values_list("pk", flat=True))
    sent = sum(send(pk) for pk in list(waiting))
    return sent, OutgoingMail.objects.filter(status=OutgoingMail.Status.PENDING).count()
