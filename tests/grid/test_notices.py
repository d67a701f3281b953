"""A year's workflow steps mail the people they concern (grid.notices): submitted → the board,
returned or validated → the team, reopened → both; never the person who took the step nor
another cluster's people; in each person's language, with the cluster, the year and the link to
the year's results; after the commit, so that a refusing mail server leaves the step done."""

import logging

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from accounts.models import LanguagePreference, MailKind, MailSwitchOff, Notification, OutgoingMail
from clusters.models import Membership
from grid import services
from grid.models import Assessment
from tests.fixtures import make_member, url

pytestmark = pytest.mark.django_db
SITE = "https://dd.example.org"


@pytest.fixture(autouse=True)
def site_url():
    with override_settings(SITE_URL=SITE):
        yield


def mailed(*people) -> dict:
    """The mails sent, by address; and they went to these people only."""
    sent = {message.to[0]: message for message in mail.outbox}
    assert sorted(sent) == sorted(person.email for person in people)
    assert len(mail.outbox) == len(people)  # one mail each
    return sent


def test_a_submitted_year_is_mailed_to_the_board(
        filled, editor, board, outsider, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.assessment_submit(assessment=filled, by=editor)
    message = mailed(board)[board.email]
    results = SITE + url("results", filled)
    assert message.subject == "Pôle Alpha Maritime : autoévaluation 2025 soumise à votre validation"
    assert ("Élise Martin a soumis l'autoévaluation 2025 de Pôle Alpha Maritime. Elle attend la "
            "décision de la gouvernance") in message.body
    assert f"Voir les résultats et décider\n{results}" in message.body
    assert f"Ne plus recevoir ce type de courriel : {SITE}/comptes/notifications/" in message.body
    html = message.alternatives[0][0]
    assert f'href="{results}"' in html and "Pôle Alpha Maritime" in html
    [notice] = Notification.objects.filter(user=board)
    assert notice.url == url("results", filled) and notice.kind == MailKind.WORKFLOW
    assert notice.message == message.subject
    assert not Notification.objects.filter(user__in=[editor, outsider]).exists()


def test_a_returned_year_is_mailed_to_the_team_each_in_their_language(
        submitted, editor, board, outsider, cluster_a, django_capture_on_commit_callbacks):
    LanguagePreference.objects.create(user=editor, language="en")
    colleague = make_member("equipe-a2", cluster_a, Membership.Role.EDITOR, "Paul", "Roux")
    with django_capture_on_commit_callbacks(execute=True):
        services.assessment_return(assessment=submitted, by=board,
                                   comment="Revoir la 2C-3 :\nle bilan carbone date de 2019.")
    sent = mailed(editor, colleague)
    english, french = sent[editor.email], sent[colleague.email]
    results = SITE + url("results", submitted)
    assert english.subject == "Pôle Alpha Maritime: 2025 self-assessment returned to the team"
    assert ("Bruno Durand returned the 2025 self-assessment of Pôle Alpha Maritime to the team: "
            "review the answers concerned, then submit it again.") in english.body
    assert "Comment from Bruno Durand:\nRevoir la 2C-3 :\nle bilan carbone date de 2019." in (
        english.body)
    assert f"See the 2025 results\n{results}" in english.body
    assert "Stop receiving this kind of email" in english.body
    html = english.alternatives[0][0]
    assert '<html lang="en">' in html and "Revoir la 2C-3 :<br>le bilan carbone" in html
    assert french.subject == "Pôle Alpha Maritime : autoévaluation 2025 renvoyée à l'équipe"
    assert "Commentaire de Bruno Durand :\nRevoir la 2C-3" in french.body
    assert f"Voir les résultats 2025\n{results}" in french.body


def test_a_validated_year_is_mailed_to_the_team(submitted, editor, board, outsider,
                                                django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.assessment_validate(assessment=submitted, by=board, comment="Vu en CA.")
    message = mailed(editor)[editor.email]
    assert message.subject == "Pôle Alpha Maritime : autoévaluation 2025 validée"
    assert "Bruno Durand a validé l'autoévaluation 2025 de Pôle Alpha Maritime." in message.body
    assert "Commentaire de Bruno Durand :\nVu en CA." in message.body


def test_a_validation_without_comment_says_none(submitted, editor, board,
                                                django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.assessment_validate(assessment=submitted, by=board)
    message = mailed(editor)[editor.email]
    assert "Commentaire" not in message.body and "blockquote" not in message.alternatives[0][0]


def test_a_reopened_year_is_mailed_to_the_team_and_the_rest_of_the_board(
        validated, editor, board, outsider, cluster_a, django_capture_on_commit_callbacks):
    other_board = make_member("conseil-a2", cluster_a, Membership.Role.BOARD, "Anne", "Blanc")
    with django_capture_on_commit_callbacks(execute=True):
        services.assessment_reopen(assessment=validated, by=board, comment="Chiffres à corriger.")
    sent = mailed(editor, other_board)
    assert {message.subject for message in sent.values()} == {
        "Pôle Alpha Maritime : autoévaluation 2025 rouverte"}
    assert ("Bruno Durand a rouvert l'autoévaluation 2025 de Pôle Alpha Maritime, qui était "
            "validée") in sent[editor.email].body


def test_a_person_who_switched_workflow_mail_off_gets_only_the_notification(
        filled, editor, board, django_capture_on_commit_callbacks):
    MailSwitchOff.objects.create(user=board, kind=MailKind.WORKFLOW)
    with django_capture_on_commit_callbacks(execute=True):
        services.assessment_submit(assessment=filled, by=editor)
    assert mail.outbox == []
    assert Notification.objects.filter(user=board, kind=MailKind.WORKFLOW).count() == 1


def test_a_step_refused_mails_no_one(submitted, board, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.assessment_return(assessment=submitted, by=board, comment="")
    assert mail.outbox == [] and not OutgoingMail.objects.exists()


@override_settings(EMAIL_BACKEND="tests.accounts.test_mail.RefusingBackend")
def test_a_refusing_mail_server_leaves_the_step_done_and_logs_the_failure(
        filled, editor, board, caplog, django_capture_on_commit_callbacks):
    with caplog.at_level(logging.WARNING, logger="accounts.tasks"), \
            django_capture_on_commit_callbacks(execute=True):
        services.assessment_submit(assessment=filled, by=editor)
    assert Assessment.objects.get(pk=filled.pk).status == Assessment.Status.SUBMITTED
    [waiting] = OutgoingMail.objects.all()
    assert waiting.address == board.email and waiting.status == OutgoingMail.Status.PENDING
    assert "did not answer" in waiting.last_error
    assert "refused (attempt 1): TimeoutError" in caplog.text


# mail_person's cost for each person: their language, their switch, the mail, the notification.
PER_PERSON = 4


def test_more_recipients_cost_only_their_own_mails(filled, editor, board, cluster_a,
                                                   campaign_2024):
    with CaptureQueriesContext(connection) as one:
        services.assessment_submit(assessment=filled, by=editor)
    services.assessment_return(assessment=filled, by=board, comment="Encore.")
    for n in (2, 3):
        make_member(f"conseil-a{n}", cluster_a, Membership.Role.BOARD, "Membre", str(n))
    with CaptureQueriesContext(connection) as three:
        services.assessment_submit(assessment=filled, by=editor)
    assert len(three) - len(one) == 2 * PER_PERSON
