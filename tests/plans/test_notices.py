"""A board comment on an action is mailed to the action's owner when a member of the cluster,
else to the cluster's team (plans.notices); a comment of the team is not mailed."""

import pytest
from django.core import mail
from django.test import override_settings

from accounts.models import LanguagePreference, MailKind, MailSwitchOff, Notification
from clusters.models import Membership
from plans import services
from tests.fixtures import make_member

pytestmark = pytest.mark.django_db
SITE = "https://dd.example.org"


@pytest.fixture(autouse=True)
def site_url():
    with override_settings(SITE_URL=SITE):
        yield


@pytest.fixture
def colleague(cluster_a):
    return make_member("equipe-a2", cluster_a, Membership.Role.EDITOR, "Paul", "Roux")


def action_of(cluster, by, **fields):
    return services.action_create(cluster=cluster, by=by, title="Bilan carbone", **fields)


def comment(action, by, text, capture):
    with capture(execute=True):
        services.action_comment_add(action=action, by=by, text=text)
    return {message.to[0]: message for message in mail.outbox}


def test_a_board_comment_goes_to_the_owner_only(
        cluster_a, editor, colleague, board, outsider, django_capture_on_commit_callbacks):
    action = action_of(cluster_a, editor, owner=colleague)
    sent = comment(action, board, "Où en est le devis ?", django_capture_on_commit_callbacks)
    assert list(sent) == [colleague.email]
    message = sent[colleague.email]
    page = f"{SITE}/poles/pole-alpha/plan/{action.pk}/#comments-title"
    assert message.subject == (
        "Pôle Alpha Maritime : commentaire de la gouvernance sur « Bilan carbone »")
    assert ("Bruno Durand, de la gouvernance, a commenté l'action « Bilan carbone » de Pôle Alpha "
            "Maritime, dont vous êtes responsable :\nOù en est le devis ?") in message.body
    assert f"Voir l'action et ses commentaires\n{page}" in message.body
    assert f'href="{page}"' in message.alternatives[0][0]
    [notice] = Notification.objects.filter(user=colleague)
    assert notice.kind == MailKind.ACTION_COMMENT and notice.url.endswith("#comments-title")


def test_without_a_member_owner_the_team_gets_it_in_its_language(
        cluster_a, editor, colleague, board, outsider, django_capture_on_commit_callbacks):
    LanguagePreference.objects.create(user=editor, language="en")
    action = action_of(cluster_a, editor, owner_name="Cabinet extérieur")
    sent = comment(action, board, "Où en est le devis ?", django_capture_on_commit_callbacks)
    assert sorted(sent) == sorted([editor.email, colleague.email])
    english = sent[editor.email]
    assert english.subject == "Pôle Alpha Maritime: board comment on “Bilan carbone”"
    assert ("Bruno Durand, of the board, commented on the action “Bilan carbone” of Pôle Alpha "
            "Maritime:\nOù en est le devis ?") in english.body
    assert "See the action and its comments" in english.body
    assert "Voir l'action" in sent[colleague.email].body


def test_an_owner_who_left_the_cluster_is_replaced_by_the_team(
        cluster_a, editor, colleague, board, django_capture_on_commit_callbacks):
    action = action_of(cluster_a, editor, owner=colleague)
    Membership.objects.filter(user=colleague).delete()
    sent = comment(action, board, "Qui reprend ?", django_capture_on_commit_callbacks)
    assert list(sent) == [editor.email]


def test_a_comment_of_the_team_is_not_mailed(
        cluster_a, editor, colleague, board, django_capture_on_commit_callbacks):
    action = action_of(cluster_a, editor, owner=board)
    assert comment(action, colleague, "Devis reçu.", django_capture_on_commit_callbacks) == {}
    assert not Notification.objects.exists()


def test_the_commenter_is_not_mailed_and_a_switched_off_kind_is_not(
        cluster_a, editor, colleague, board, django_capture_on_commit_callbacks):
    MailSwitchOff.objects.create(user=colleague, kind=MailKind.ACTION_COMMENT)
    action = action_of(cluster_a, editor, owner=board)  # the board member comments their own
    sent = comment(action, board, "Je m'en charge.", django_capture_on_commit_callbacks)
    assert list(sent) == [editor.email]
    assert Notification.objects.filter(user=colleague).count() == 1
    assert not Notification.objects.filter(user=board).exists()
