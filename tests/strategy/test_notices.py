"""The strategy's workflow steps mail the people they concern (strategy.notices): submitted →
the board, approved or returned → the team with the board's comment; never the person who took
the step, another cluster's people, or those who switched the kind off."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from accounts.models import MailKind, MailSwitchOff, Notification
from clusters.models import Membership
from strategy import services
from tests.fixtures import make_member

from .helpers import arguments

pytestmark = pytest.mark.django_db
SITE = "https://dd.example.org"


@pytest.fixture(autouse=True)
def site_url():
    with override_settings(SITE_URL=SITE):
        yield


@pytest.fixture
def drafted(cluster_a, editor, version):
    return services.strategy_save(by=editor, **arguments(cluster_a, editor))


@pytest.fixture
def second_editor(cluster_a):
    return make_member("equipe-a2", cluster_a, Membership.Role.EDITOR, "Paul", "Second")


def mailed(*people) -> dict:
    sent = {message.to[0]: message for message in mail.outbox}
    assert sorted(sent) == sorted(person.email for person in people)
    assert len(mail.outbox) == len(people)
    return sent


def test_a_submitted_strategy_is_mailed_to_the_board(
        drafted, editor, board, outsider, second_editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.strategy_submit(strategy=drafted, by=editor)
    message = mailed(board)[board.email]
    page = reverse("strategy:period", args=[drafted.cluster.slug, 2025])
    assert message.subject == ("Pôle Alpha Maritime : stratégie 2025–2027 soumise à votre "
                               "approbation")
    assert "Élise Martin a soumis la stratégie de développement durable 2025–2027" in (
        message.body)
    assert f"Lire la stratégie et décider\n{SITE}{page}" in message.body
    [notice] = Notification.objects.filter(user=board)
    assert notice.kind == MailKind.STRATEGY and notice.url == page


@pytest.mark.parametrize("step", ["approve", "return"])
def test_the_boards_decision_is_mailed_to_the_team_with_its_comment(
        drafted, editor, board, second_editor, outsider, step,
        django_capture_on_commit_callbacks):
    services.strategy_submit(strategy=drafted, by=editor)
    mail.outbox.clear()
    decide = services.strategy_approve if step == "approve" else services.strategy_return
    with django_capture_on_commit_callbacks(execute=True):
        decide(strategy=drafted, by=board, comment="Précisez le second axe.")
    sent = mailed(editor, second_editor)
    message = sent[editor.email]
    word = "approuvée" if step == "approve" else "renvoyée à l'équipe"
    assert message.subject == f"Pôle Alpha Maritime : stratégie 2025–2027 {word}"
    assert "Précisez le second axe." in message.body and "Précisez le second axe." in (
        message.alternatives[0][0])


def test_people_who_switched_the_strategy_mail_off_get_none(
        drafted, editor, board, second_editor, django_capture_on_commit_callbacks):
    MailSwitchOff.objects.create(user=second_editor, kind=MailKind.STRATEGY)
    MailSwitchOff.objects.create(user=board, kind=MailKind.STRATEGY)
    with django_capture_on_commit_callbacks(execute=True):
        services.strategy_submit(strategy=drafted, by=editor)
    mailed()  # the board switched it off: noted on its home page only
    assert Notification.objects.filter(user=board, kind=MailKind.STRATEGY).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.strategy_return(strategy=drafted, by=board, comment="À revoir.")
    assert [message.to[0] for message in mail.outbox] == [editor.email]


def test_a_step_refused_mails_no_one(drafted, board, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.strategy_submit(strategy=drafted, by=board)  # the board does not submit
    assert not mail.outbox and not Notification.objects.exists()
