"""/reseau/<slug>/coordinateurs/: content admins invite a network's coordinators by mail, resend,
cancel and remove; nobody else may (403)."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from clusters.models import Invitation, Network
from tests.fixtures import logged_in, messages_of

LINK = re.compile(r"https?://\S+?(/comptes/invitation/[\w-]+/)")


@pytest.fixture
def network(coordinator):
    network = Network.objects.create(name="Réseau Ouest", slug="reseau-ouest")
    network.coordinators.add(coordinator)
    return network


def page(network):
    return reverse("network:coordinators", args=[network.slug])


def test_a_content_admin_invites_a_coordinator_who_joins(
        network, content_admin, coordinator, anonymous, django_capture_on_commit_callbacks):
    client = logged_in(content_admin)
    html = client.get(page(network)).content.decode()
    assert "Coordinateurs de Réseau Ouest" in html and "Nadia Réseau" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page(network), {"email": "nouveau@example.org",
                                                "role": "coordinator"})
    assert messages_of(response) == ["Invitation envoyée à nouveau@example.org."]
    [sent] = mail.outbox
    assert sent.subject == "Invitation à rejoindre Réseau Ouest"
    link = LINK.search(sent.body).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        response = anonymous.post(link, {"first_name": "Yves", "last_name": "Nouveau",
                                         "password1": "Maree-Haute-77",
                                         "password2": "Maree-Haute-77"})
    assert response["Location"] == reverse("network:network-detail", args=[network.slug])
    assert network.coordinators.filter(email="nouveau@example.org").exists()
    assert anonymous.get(response["Location"]).status_code == 200  # the network's page opens


def test_the_network_list_leads_content_admins_to_each_network_s_coordinators(
        network, content_admin, coordinator):
    networks = reverse("network:network-list")
    assert page(network) in logged_in(content_admin).get(networks).content.decode()
    assert page(network) not in logged_in(coordinator).get(networks).content.decode()


def test_an_invalid_address_is_refused_on_the_page(network, content_admin):
    response = logged_in(content_admin).post(page(network), {"email": "nope",
                                                             "role": "coordinator"})
    assert response.status_code == 400
    assert "n&#x27;est pas une adresse électronique valable" in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_coordinator_may_neither_invite_nor_remove(network, coordinator, editor):
    client = logged_in(coordinator)
    assert client.get(page(network)).status_code == 403
    assert client.post(page(network), {"email": "x@example.org",
                                       "role": "coordinator"}).status_code == 403
    remove = reverse("network:coordinator-remove", args=[network.slug, coordinator.pk])
    assert client.post(remove).status_code == 403
    assert logged_in(editor).post(remove).status_code == 403
    assert not Invitation.objects.exists() and network.coordinators.count() == 1


def test_a_content_admin_removes_a_coordinator_who_is_mailed(
        network, content_admin, coordinator, django_capture_on_commit_callbacks):
    client = logged_in(content_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("network:coordinator-remove",
                                       args=[network.slug, coordinator.pk]))
    assert messages_of(response) == ["Personne retirée de la coordination."]
    assert not network.coordinators.exists()
    assert mail.outbox[0].to == [coordinator.email]
    assert "retiré" in client.get(page(network)).content.decode()


def test_resend_and_cancel_a_coordinator_s_invitation(network, content_admin,
                                                      django_capture_on_commit_callbacks):
    client = logged_in(content_admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page(network), {"email": "nouveau@example.org", "role": "coordinator"})
        invitation = Invitation.objects.get()
        client.post(reverse("network:coordinator-invitation-resend",
                            args=[network.slug, invitation.pk]))
    assert len(mail.outbox) == 2
    response = client.post(reverse("network:coordinator-invitation-cancel",
                                   args=[network.slug, invitation.pk]))
    assert messages_of(response)[-1] == "Invitation annulée."
    invitation.refresh_from_db()
    assert invitation.cancelled_at is not None
