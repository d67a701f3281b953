"""A cluster's people as its editors manage them (clusters.invitations): invitations by mail,
single use and 7 days; roles and removals; at least one editor always; every change logged and
mailed to the person it concerns."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import LanguagePreference
from clusters import invitations
from clusters.models import Invitation, Membership, MembershipChange, Network

LINK = re.compile(r"https?://\S+?(/comptes/invitation/([\w-]+)/)")


def token_in(sent) -> str:
    return LINK.search(sent.body).group(2)


@pytest.fixture
def invite(cluster_a, editor, django_capture_on_commit_callbacks):
    """Invite an address to cluster A as the editor does; returns (invitation, token)."""

    def run(email="nouvelle@example.org", role=Membership.Role.BOARD, target=None):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            invitation = invitations.invitation_create(
                target=target or cluster_a, email=email, role=role, by=editor)
        [sent] = mail.outbox
        return invitation, token_in(sent)

    return run


def test_an_invitation_mails_a_link_whose_token_only_the_mail_holds(invite, cluster_a):
    invitation, token = invite("  Nouvelle@Example.org ")
    assert invitation.email == "nouvelle@example.org"
    assert token not in invitation.token_hash and len(invitation.token_hash) == 64
    assert invitation.expires_at - invitation.sent_at == timedelta(days=7)
    [sent] = mail.outbox
    assert sent.to == ["nouvelle@example.org"]
    assert sent.subject == "Invitation à rejoindre Pôle Alpha Maritime"
    assert "Élise Martin vous invite à rejoindre Pôle Alpha Maritime comme « gouvernance »" in (
        sent.body)
    assert "reste valable 7 jours" in sent.body
    assert invitations.invitation_open(token) == invitation
    [change] = MembershipChange.objects.filter(cluster=cluster_a)
    assert (change.action, change.person, change.by_name) == (
        "invited", "nouvelle@example.org", "Élise Martin")


def test_an_address_with_an_english_account_is_invited_in_english(invite):
    person = get_user_model().objects.create_user("ann", email="ann@example.org")
    LanguagePreference.objects.create(user=person, language="en")
    invite("ann@example.org", role=Membership.Role.EDITOR)
    [sent] = mail.outbox
    assert sent.subject == "Invitation to join Pôle Alpha Maritime"
    assert "Élise Martin invites you to join Pôle Alpha Maritime as “cluster team”" in sent.body


@pytest.mark.parametrize("email", ["pas-une-adresse", "", "a@b", "x" * 140 + "@example.org"])
def test_an_invalid_address_is_refused_and_nothing_is_kept(cluster_a, editor, email):
    with pytest.raises(ValidationError):
        invitations.invitation_create(target=cluster_a, email=email, role="board", by=editor)
    assert not Invitation.objects.exists() and not MembershipChange.objects.exists()
    assert mail.outbox == []


def test_a_member_is_not_invited_again(cluster_a, editor, board):
    with pytest.raises(ValidationError, match="fait déjà partie de Pôle Alpha Maritime"):
        invitations.invitation_create(target=cluster_a, email=board.email.upper(), role="editor",
                                      by=editor)
    assert not Invitation.objects.exists() and mail.outbox == []


def test_a_second_invitation_of_a_waiting_address_is_refused(invite, cluster_a, editor):
    invite()
    with pytest.raises(ValidationError, match="déjà une invitation en attente"):
        invitations.invitation_create(target=cluster_a, email="nouvelle@example.org",
                                      role="editor", by=editor)
    assert Invitation.objects.count() == 1


def test_a_role_outside_the_cluster_s_is_refused(cluster_a, editor):
    with pytest.raises(ValidationError, match="Rôle inconnu"):
        invitations.invitation_create(target=cluster_a, email="x@example.org",
                                      role="coordinator", by=editor)


def test_a_new_person_makes_an_account_and_joins(invite, cluster_a, editor,
                                                 django_capture_on_commit_callbacks):
    invitation, token = invite()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        user = invitations.account_create(invitation=invitations.invitation_open(token),
                                          first_name="Nina", last_name="Nouvelle",
                                          password="un mot de passe solide", language="en")
    assert user.username == user.email == "nouvelle@example.org"
    assert user.check_password("un mot de passe solide")
    assert user.language_preference.language == "en"
    assert Membership.objects.get(cluster=cluster_a, user=user).role == "board"
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None and invitation.accepted_by == user
    [sent] = mail.outbox  # the one who invited is told
    assert sent.to == [editor.email]
    assert sent.subject == "Nina Nouvelle a rejoint Pôle Alpha Maritime"
    assert MembershipChange.objects.filter(action="joined", person="Nina Nouvelle").exists()


def test_a_link_serves_once(invite, cluster_a):
    invitation, token = invite()
    person = get_user_model().objects.create_user("nina", email="nouvelle@example.org")
    invitations.invitation_accept(invitation=invitation, user=person)
    with pytest.raises(invitations.InvitationUnusable, match="déjà servi"):
        invitations.invitation_open(token)
    # Two tabs posting the link together: the second finds it used, and changes nothing.
    with pytest.raises(invitations.InvitationUnusable, match="déjà servi"):
        invitations.invitation_accept(invitation=invitation, user=person)
    assert Membership.objects.filter(cluster=cluster_a, user=person).count() == 1


def test_an_expired_link_is_refused(invite, cluster_a):
    invitation, token = invite()
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(invitations.InvitationUnusable, match="a expiré"):
        invitations.invitation_open(token)
    person = get_user_model().objects.create_user("nina", email="nouvelle@example.org")
    with pytest.raises(invitations.InvitationUnusable):
        invitations.invitation_accept(invitation=invitation, user=person)
    assert not Membership.objects.filter(user=person).exists()


def test_an_invitation_to_someone_else_s_address_is_not_accepted(invite, outsider):
    invitation, _ = invite()
    with pytest.raises(ValidationError, match="autre adresse"):
        invitations.invitation_accept(invitation=invitation, user=outsider)
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_an_account_for_a_taken_address_is_refused_and_nothing_changes(invite):
    invitation, token = invite()
    get_user_model().objects.create_user("nina", email="Nouvelle@example.org")
    with pytest.raises(ValidationError, match="Un compte existe déjà"):
        invitations.account_create(invitation=invitation, first_name="N", last_name="N",
                                   password="x", language="fr")
    assert invitations.invitation_open(token) == invitation


def test_resending_replaces_the_link_and_gives_seven_more_days(invite, editor,
                                                               django_capture_on_commit_callbacks):
    invitation, old = invite()
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(days=1))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        invitations.invitation_resend(invitation=invitation, by=editor)
    new = token_in(mail.outbox[0])
    assert new != old
    with pytest.raises(invitations.InvitationUnusable, match="n'est pas valable"):
        invitations.invitation_open(old)
    reopened = invitations.invitation_open(new)
    assert reopened.expires_at > timezone.now() + timedelta(days=6)


def test_a_cancelled_invitation_cannot_be_accepted_nor_cancelled_twice(invite, editor):
    invitation, token = invite()
    invitations.invitation_cancel(invitation=invitation, by=editor)
    with pytest.raises(invitations.InvitationUnusable, match="annulée"):
        invitations.invitation_open(token)
    with pytest.raises(ValidationError, match="déjà été acceptée ou annulée"):
        invitations.invitation_cancel(invitation=invitation, by=editor)
    assert list(MembershipChange.objects.values_list("action", flat=True)) == [
        "cancelled", "invited"]


# --- roles and removals ---


def membership_of(user, cluster):
    return Membership.objects.get(user=user, cluster=cluster)


def test_the_last_editor_is_neither_demoted_nor_removed(cluster_a, editor, board):
    membership = membership_of(editor, cluster_a)
    with pytest.raises(ValidationError, match="la seule personne de l'équipe du pôle"):
        invitations.role_change(membership=membership, role="board", by=editor)
    with pytest.raises(ValidationError, match="la seule personne de l'équipe du pôle"):
        invitations.member_remove(membership=membership, by=editor)
    assert membership_of(editor, cluster_a).role == "editor"
    assert not MembershipChange.objects.exists() and mail.outbox == []


def test_with_a_second_editor_one_may_step_down(cluster_a, editor, board,
                                                django_capture_on_commit_callbacks):
    invitations.role_change(membership=membership_of(board, cluster_a), role="editor", by=editor)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        invitations.role_change(membership=membership_of(editor, cluster_a), role="board",
                                by=board)
    assert membership_of(editor, cluster_a).role == "board"
    [sent] = mail.outbox
    assert sent.to == [editor.email]
    assert sent.subject == "Votre rôle dans Pôle Alpha Maritime a changé"
    assert "Bruno Durand a changé votre rôle dans Pôle Alpha Maritime" in sent.body
    assert "« gouvernance »" in sent.body
    # Now the board member is the only editor: kept.
    with pytest.raises(ValidationError):
        invitations.member_remove(membership=membership_of(board, cluster_a), by=board)


def test_removing_a_member_is_logged_and_mailed_in_their_language(
        cluster_a, editor, board, django_capture_on_commit_callbacks):
    LanguagePreference.objects.create(user=board, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        invitations.member_remove(membership=membership_of(board, cluster_a), by=editor)
    assert not Membership.objects.filter(user=board).exists()
    [sent] = mail.outbox
    assert sent.to == [board.email]
    assert sent.subject == "You are no longer a member of Pôle Alpha Maritime"
    [change] = invitations.history(cluster_a)
    assert (change.action, change.person, change.role, change.by) == (
        "removed", "Bruno Durand", "board", editor)


def test_a_change_of_a_membership_gone_meanwhile_is_refused(cluster_a, editor, board):
    membership = membership_of(board, cluster_a)
    Membership.objects.filter(pk=membership.pk).delete()
    with pytest.raises(ValidationError, match="ne fait plus partie"):
        invitations.role_change(membership=membership, role="editor", by=editor)


# --- networks ---


@pytest.fixture
def sample_network(cluster_a, coordinator):
    network = Network.objects.create(name="Réseau échantillon", slug="reseau-echantillon")
    network.clusters.add(cluster_a)
    network.coordinators.add(coordinator)
    return network


def test_a_network_invites_coordinators_the_same_way(
        sample_network, content_admin, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitations.invitation_create(
            target=sample_network, email="coord@example.org", role="coordinator",
            by=content_admin)
    token = token_in(mail.outbox[0])
    assert "comme « coordination du réseau »" in mail.outbox[0].body
    person = get_user_model().objects.create_user("coord", email="coord@example.org")
    invitations.invitation_accept(invitation=invitations.invitation_open(token), user=person)
    assert set(sample_network.coordinators.all()) == {coordinator, person}
    assert invitation.role == "coordinator"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        invitations.coordinator_remove(network=sample_network, user=person, by=content_admin)
    assert set(sample_network.coordinators.all()) == {coordinator}
    assert mail.outbox[0].to == ["coord@example.org"]
    with pytest.raises(ValidationError, match="Rôle inconnu"):
        invitations.invitation_create(target=sample_network, email="x@example.org",
                                      role="editor", by=content_admin)
