"""The members page /poles/<slug>/membres/ and the invitation's link /comptes/invitation/<token>/:
editors invite, change roles and remove; the board reads; everyone else is kept out; the
invited person joins with a new account or the one they have."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from clusters import invitations
from clusters.models import Invitation, Membership, MembershipChange
from tests.fixtures import logged_in, messages_of

LINK = re.compile(r"https?://\S+?(/comptes/invitation/[\w-]+/)")


def members(cluster):
    return reverse("workspace:members", args=[cluster.slug])


@pytest.fixture
def mails(django_capture_on_commit_callbacks):
    """Run the on-commit callbacks of the requests made inside (the mails leave there)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def invite(client, cluster, mails, email="nouvelle@example.org", role="board"):
    with mails():
        return client.post(members(cluster), {"email": email, "role": role})


def link_in(sent) -> str:
    return LINK.search(sent.body).group(1)


def test_the_editor_sees_members_roles_and_the_invitation_form(editor_client, cluster_a, board):
    response = editor_client.get(members(cluster_a))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Élise Martin" in html and "Bruno Durand" in html
    assert "Envoyer l'invitation" in html and "Retirer" in html
    assert 'name="role"' in html


def test_the_board_reads_the_list_without_any_form(board_client, cluster_a, editor):
    html = board_client.get(members(cluster_a)).content.decode()
    assert "Élise Martin" in html and "équipe du pôle" in html
    assert "Envoyer l'invitation" not in html and "Retirer" not in html and "<select" not in html


def test_the_cluster_page_links_to_its_members(editor_client, cluster_a):
    html = editor_client.get(reverse("workspace:cluster-detail", args=[cluster_a.slug])).content
    assert members(cluster_a).encode() in html


def test_an_editor_invites_and_the_page_lists_the_invitation(editor_client, cluster_a, mails):
    response = invite(editor_client, cluster_a, mails)
    assert response.status_code == 302
    assert messages_of(response) == ["Invitation envoyée à nouvelle@example.org."]
    assert mail.outbox[0].to == ["nouvelle@example.org"]
    html = editor_client.get(members(cluster_a)).content.decode()
    assert "nouvelle@example.org" in html and "Invitations en attente" in html
    assert "invitation envoyée" in html  # the history


def test_a_board_member_may_not_invite(board_client, cluster_a, mails):
    response = invite(board_client, cluster_a, mails)
    assert response.status_code == 403
    assert not Invitation.objects.exists() and mail.outbox == []


@pytest.mark.parametrize(("data", "message"), [
    ({"email": "pas-une-adresse"}, "« pas-une-adresse » n'est pas une adresse électronique"),
    ({"email": "conseil-a@example.org"}, "fait déjà partie de Pôle Alpha Maritime"),
    ({"role": "admin"}, "Rôle inconnu : « admin »."),
])
def test_bad_invitations_are_refused_on_the_page(editor_client, cluster_a, board, mails, data,
                                                 message):
    with mails():
        response = editor_client.post(members(cluster_a),
                                      {"email": "x@example.org", "role": "board", **data})
    assert response.status_code == 400
    assert escape(message) in response.content.decode()
    assert not Invitation.objects.exists() and mail.outbox == []


def test_a_new_person_follows_the_link_makes_an_account_and_lands_on_the_cluster(
        editor_client, cluster_a, anonymous, mails):
    invite(editor_client, cluster_a, mails)
    link = link_in(mail.outbox[0])
    page = anonymous.get(link)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Rejoindre Pôle Alpha Maritime" in html and "nouvelle@example.org" in html
    assert 'autocomplete="new-password"' in html
    with mails():
        response = anonymous.post(link, {"first_name": "Nina", "last_name": "Nouvelle",
                                         "password1": "Grand-Large-2025",
                                         "password2": "Grand-Large-2025"})
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:cluster-detail", args=[cluster_a.slug])
    user = get_user_model().objects.get(email="nouvelle@example.org")
    assert int(anonymous.session["_auth_user_id"]) == user.pk
    assert Membership.objects.get(user=user, cluster=cluster_a).role == "board"
    # Used: the same link now says so, and changes nothing.
    again = anonymous.get(link)
    assert again.status_code == 410 and "déjà servi" in again.content.decode()


def test_a_weak_or_mismatched_password_is_refused_and_nothing_is_made(
        editor_client, cluster_a, anonymous, mails):
    invite(editor_client, cluster_a, mails)
    link = link_in(mail.outbox[0])
    response = anonymous.post(link, {"first_name": "Nina", "last_name": "Nouvelle",
                                     "password1": "Grand-Large-2025", "password2": "autre"})
    assert response.status_code == 400
    response = anonymous.post(link, {"first_name": "Nina", "last_name": "Nouvelle",
                                     "password1": "123", "password2": "123"})
    assert response.status_code == 400
    assert not get_user_model().objects.filter(email="nouvelle@example.org").exists()
    assert Invitation.objects.get().accepted_at is None


def test_a_person_with_an_account_logs_in_then_accepts(editor_client, cluster_b, outsider,
                                                       cluster_a, anonymous, mails):
    invite(editor_client, cluster_a, mails, email=outsider.email, role="editor")
    link = link_in(mail.outbox[0])
    html = anonymous.get(link).content.decode()
    assert "Un compte existe déjà pour cette adresse" in html
    assert f"{reverse('login')}?next=" in html
    client = logged_in(outsider)
    assert "Accepter l'invitation" in client.get(link).content.decode()
    response = client.post(link)
    assert response.status_code == 302
    assert Membership.objects.get(user=outsider, cluster=cluster_a).role == "editor"


def test_the_link_of_someone_else_is_refused_with_a_way_to_log_out(editor_client, cluster_a,
                                                                   outsider, mails):
    invite(editor_client, cluster_a, mails)
    link = link_in(mail.outbox[0])
    client = logged_in(outsider)
    for response in (client.get(link), client.post(link)):
        assert response.status_code == 403
        html = response.content.decode()
        assert "cette invitation est adressée à nouvelle@example.org" in html
        assert "Se déconnecter" in html
    assert not Membership.objects.filter(user=outsider, cluster=cluster_a).exists()
    assert Invitation.objects.get().accepted_at is None


def test_an_expired_link_says_so(editor_client, cluster_a, anonymous, mails):
    invite(editor_client, cluster_a, mails)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = anonymous.get(link_in(mail.outbox[0]))
    assert response.status_code == 410
    assert "Cette invitation a expiré" in response.content.decode()
    assert "Expirée le" in editor_client.get(members(cluster_a)).content.decode()


def test_an_unknown_link_is_not_found(anonymous):
    response = anonymous.get(reverse("invitation-accept", args=["pas-un-jeton"]))
    assert response.status_code == 404
    assert escape("n'est pas valable") in response.content.decode()


def test_resend_and_cancel(editor_client, cluster_a, anonymous, mails):
    invite(editor_client, cluster_a, mails)
    old = link_in(mail.outbox[0])
    invitation = Invitation.objects.get()
    with mails():
        response = editor_client.post(
            reverse("workspace:invitation-resend", args=[cluster_a.slug, invitation.pk]))
    assert messages_of(response)[-1] == (
        "Invitation envoyée à nouveau : le nouveau lien vaut 7 jours.")
    new = link_in(mail.outbox[1])
    assert anonymous.get(old).status_code == 404 and anonymous.get(new).status_code == 200
    response = editor_client.post(
        reverse("workspace:invitation-cancel", args=[cluster_a.slug, invitation.pk]))
    assert messages_of(response)[-1] == "Invitation annulée."
    assert anonymous.get(new).status_code == 410
    again = editor_client.post(
        reverse("workspace:invitation-cancel", args=[cluster_a.slug, invitation.pk]))
    assert messages_of(again)[-1] == "Cette invitation a déjà été acceptée ou annulée."


def test_an_invitation_of_another_cluster_is_not_found(editor_client, cluster_a, cluster_b,
                                                       outsider):
    theirs = invitations.invitation_create(target=cluster_b, email="x@example.org",
                                           role="board", by=outsider)
    response = editor_client.post(
        reverse("workspace:invitation-cancel", args=[cluster_a.slug, theirs.pk]))
    assert response.status_code == 404


def test_an_editor_changes_a_role_and_the_person_is_mailed(editor_client, cluster_a, board,
                                                           mails):
    membership = Membership.objects.get(user=board)
    with mails():
        response = editor_client.post(
            reverse("workspace:member-role", args=[cluster_a.slug, membership.pk]),
            {"role": "editor"})
    assert messages_of(response) == ["Rôle enregistré."]
    membership.refresh_from_db()
    assert membership.role == "editor"
    assert mail.outbox[0].to == [board.email]
    html = editor_client.get(members(cluster_a)).content.decode()
    assert "rôle changé" in html and "Bruno Durand (équipe du pôle)" in html


def test_the_last_editor_is_kept_with_a_message(editor_client, cluster_a, editor, mails):
    membership = Membership.objects.get(user=editor)
    role = reverse("workspace:member-role", args=[cluster_a.slug, membership.pk])
    remove = reverse("workspace:member-remove", args=[cluster_a.slug, membership.pk])
    for response in (editor_client.post(role, {"role": "board"}), editor_client.post(remove)):
        assert response.status_code == 302
        assert "la seule personne de l'équipe du pôle" in messages_of(response)[-1]
    assert Membership.objects.get(user=editor).role == "editor"
    assert not MembershipChange.objects.exists()


def test_an_unknown_role_changes_nothing(editor_client, cluster_a, board):
    membership = Membership.objects.get(user=board)
    response = editor_client.post(
        reverse("workspace:member-role", args=[cluster_a.slug, membership.pk]), {"role": "chef"})
    assert messages_of(response) == ["Rôle inconnu : « chef »."]
    assert Membership.objects.get(user=board).role == "board"


def test_an_editor_removes_a_member(editor_client, cluster_a, board, mails):
    membership = Membership.objects.get(user=board)
    with mails():
        response = editor_client.post(
            reverse("workspace:member-remove", args=[cluster_a.slug, membership.pk]))
    assert messages_of(response) == ["Personne retirée du pôle."]
    assert not Membership.objects.filter(user=board).exists()
    assert mail.outbox[0].subject == "Vous ne faites plus partie de Pôle Alpha Maritime"


def test_the_board_may_not_change_roles_nor_remove(board_client, cluster_a, editor):
    membership = Membership.objects.get(user=editor)
    for name, data in (("member-role", {"role": "board"}), ("member-remove", {})):
        response = board_client.post(reverse(f"workspace:{name}",
                                             args=[cluster_a.slug, membership.pk]), data)
        assert response.status_code == 403
    assert Membership.objects.get(user=editor).role == "editor"


def test_outsiders_do_not_learn_the_cluster_exists(outsider_client, cluster_a, editor):
    membership = Membership.objects.get(user=editor)
    assert outsider_client.get(members(cluster_a)).status_code == 404
    assert outsider_client.post(reverse("workspace:member-remove",
                                        args=[cluster_a.slug, membership.pk])).status_code == 404
