"""The admin of clusters (with their profile), sectors and networks."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from clusters.models import Cluster, Network, Sector

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("content", "c@example.org", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def network(cluster_a, cluster_b, coordinator):
    cluster_a.region, cluster_a.kind, cluster_a.size = "BRE", "pole", "50-149"
    cluster_a.save()
    cluster_a.sectors.add(Sector.objects.get(slug="numerique"))
    network = Network.objects.create(name="Réseau Ouest", slug="reseau-ouest")
    network.clusters.add(cluster_a, cluster_b)
    network.coordinators.add(coordinator)
    return network


def test_the_cluster_list_shows_and_filters_the_profile(admin_client, network, cluster_a):
    url = reverse("admin:clusters_cluster_changelist")
    html = admin_client.get(url).content.decode()
    assert "Bretagne" in html and "50 à 149 membres" in html
    response = admin_client.get(url, {"region": "BRE"})
    assert list(response.context["cl"].queryset) == [cluster_a]
    sector = Sector.objects.get(slug="numerique")
    response = admin_client.get(url, {"sectors__id__exact": sector.pk})
    assert list(response.context["cl"].queryset) == [cluster_a]
    page = admin_client.get(reverse("admin:clusters_cluster_change", args=[cluster_a.pk]))
    assert page.status_code == 200
    assert 'name="sectors"' in page.content.decode()


def test_networks_are_searched_and_listed_with_their_cluster_count(admin_client, network):
    url = reverse("admin:clusters_network_changelist")
    response = admin_client.get(url, {"q": "ouest"})
    assert list(response.context["cl"].queryset) == [network]
    assert response.context["cl"].queryset[0].cluster_total == 2
    page = admin_client.get(reverse("admin:clusters_network_change", args=[network.pk]))
    html = page.content.decode()
    assert 'name="clusters"' in html and 'name="coordinators"' in html


def test_an_admin_adds_a_network_and_a_sector(admin_client, cluster_a, coordinator):
    response = admin_client.post(reverse("admin:clusters_network_add"), {
        "name": "Réseau Sud", "slug": "reseau-sud", "clusters": [cluster_a.pk],
        "coordinators": [coordinator.pk],
    })
    assert response.status_code == 302
    network = Network.objects.get(slug="reseau-sud")
    assert list(network.clusters.all()) == [cluster_a]
    response = admin_client.post(reverse("admin:clusters_sector_add"),
                                 {"name": "Hydrogène", "slug": "hydrogene"})
    assert response.status_code == 302
    assert Sector.objects.filter(slug="hydrogene").exists()
    assert Cluster.objects.count() == 1
