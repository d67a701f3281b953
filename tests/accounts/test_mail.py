"""Mails leave after the commit, in their recipient's language, and a mail server that refuses
them fails nothing: the mail is logged, kept and retried."""

import copy
import logging
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from accounts.mail import mail_address, mail_person
from accounts.models import LanguagePreference, MailKind, MailSwitchOff, Notification, OutgoingMail
from accounts.tasks import MAX_ATTEMPTS, send

HERE = Path(__file__).parent / "templates"
TEMPLATE = "tests_mail/event"


class RefusingBackend:
    """A mail server that answers every message with an error."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise TimeoutError("the mail server did not answer")


@pytest.fixture(autouse=True)
def test_templates():
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], HERE]
    with override_settings(TEMPLATES=templates, SITE_URL="https://dd.example.org"):
        yield


def test_a_mail_leaves_at_the_commit_in_the_recipients_language(
        editor, django_capture_on_commit_callbacks):
    LanguagePreference.objects.create(user=editor, language="en")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        queued = mail_person(editor, kind=MailKind.WORKFLOW, template=TEMPLATE,
                             context={"year": 2025}, url="/poles/a/2025/resultats/")
    assert mail.outbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    [sent] = mail.outbox
    assert sent.to == [editor.email] and sent.subject == "Notifications and emails · 2025"
    assert "https://dd.example.org/poles/a/2025/resultats/" in sent.body
    assert "Stop receiving this kind of email: https://dd.example.org/comptes/notifications/" in (
        sent.body)
    html, mimetype = sent.alternatives[0]
    assert mimetype == "text/html" and '<html lang="en">' in html
    assert 'href="https://dd.example.org/comptes/notifications/"' in html
    queued.refresh_from_db()
    assert queued.status == OutgoingMail.Status.SENT and queued.attempts == 1
    [notification] = Notification.objects.filter(user=editor)
    assert notification.message == "Notifications and emails · 2025"
    assert notification.url == "/poles/a/2025/resultats/" and notification.read_at is None
    assert notification.language == "en"  # marked so on pages in another language


def test_french_is_the_default_language(editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mail_person(editor, kind=MailKind.WORKFLOW, template=TEMPLATE, context={"year": 2025},
                    url="/")
    assert mail.outbox[0].subject == "Notifications et courriels · 2025"
    assert "Ne plus recevoir ce type de courriel" in mail.outbox[0].body


def test_a_kind_switched_off_is_not_mailed_but_still_noted(
        editor, django_capture_on_commit_callbacks):
    MailSwitchOff.objects.create(user=editor, kind=MailKind.WORKFLOW)
    with django_capture_on_commit_callbacks(execute=True):
        assert mail_person(editor, kind=MailKind.WORKFLOW, template=TEMPLATE,
                           context={"year": 2025}, url="/") is None
        mail_person(editor, kind=MailKind.REMINDER, template=TEMPLATE, context={"year": 2025},
                    url="/")
    assert len(mail.outbox) == 1
    assert Notification.objects.filter(user=editor).count() == 2


def test_the_accounts_mails_cannot_be_switched_off(editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mail_person(editor, kind=MailKind.ACCOUNT, template=TEMPLATE, context={"year": 1},
                    url="/", notify=False)
    assert len(mail.outbox) == 1 and not Notification.objects.exists()
    assert "quelles que soient vos préférences" in mail.outbox[0].body


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_event_sends_nothing(editor):
    with pytest.raises(RuntimeError), transaction.atomic():
        mail_person(editor, kind=MailKind.WORKFLOW, template=TEMPLATE, context={"year": 2025},
                    url="/")
        raise RuntimeError("the transition failed")
    assert mail.outbox == [] and not OutgoingMail.objects.exists()
    assert not Notification.objects.exists()


def test_an_address_without_account_gets_its_mail(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mail_address("new@example.org", language="en", template=TEMPLATE,
                     context={"year": 2026}, url="/comptes/connexion/")
    assert mail.outbox[0].to == ["new@example.org"]
    assert mail.outbox[0].subject == "Notifications and emails · 2026"


@override_settings(EMAIL_BACKEND="tests.accounts.test_mail.RefusingBackend")
def test_a_refusing_mail_server_fails_nothing_and_the_mail_is_retried(
        editor, django_capture_on_commit_callbacks, caplog):
    with caplog.at_level(logging.WARNING, logger="accounts.tasks"), \
            django_capture_on_commit_callbacks(execute=True):
        queued = mail_person(editor, kind=MailKind.WORKFLOW, template=TEMPLATE,
                             context={"year": 2025}, url="/")
    queued.refresh_from_db()
    assert queued.status == OutgoingMail.Status.PENDING and queued.attempts == 1
    assert "did not answer" in queued.last_error and queued.claimed_at is None
    assert "refused (attempt 1)" in caplog.text
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        call_command("send_pending_mail")
        call_command("send_pending_mail")  # nothing twice
    assert len(mail.outbox) == 1
    queued.refresh_from_db()
    assert queued.status == OutgoingMail.Status.SENT and queued.attempts == 2


@override_settings(EMAIL_BACKEND="tests.accounts.test_mail.RefusingBackend")
def test_a_mail_refused_again_and_again_is_given_up(editor, caplog):
    queued = mail_person(editor, kind=MailKind.WORKFLOW, template=TEMPLATE,
                         context={"year": 2025}, url="/")
    for _ in range(MAX_ATTEMPTS + 2):
        send(queued.pk)
    queued.refresh_from_db()
    assert queued.status == OutgoingMail.Status.FAILED and queued.attempts == MAX_ATTEMPTS
    assert "given up" in caplog.text


def test_a_mail_being_sent_is_not_sent_again(editor):
    queued = mail_person(editor, kind=MailKind.WORKFLOW, template=TEMPLATE,
                         context={"year": 2025}, url="/")
    OutgoingMail.objects.filter(pk=queued.pk).update(claimed_at=timezone.now())
    assert send(queued.pk) is False and mail.outbox == []
    assert send(queued.pk + 1000) is False


def test_the_text_parts_are_not_html_escaped_and_the_html_part_is(
        editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mail_person(editor, kind=MailKind.WORKFLOW, template=TEMPLATE,
                    context={"year": "L'Odyssée <2025>"}, url="/")
    [sent] = mail.outbox
    assert sent.subject == "Notifications et courriels · L'Odyssée <2025>"
    assert "L'Odyssée <2025> : http" in sent.body
    assert "L&#x27;Odyssée &lt;2025&gt;</a>" in sent.alternatives[0][0]
