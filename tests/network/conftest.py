"""Networks of clusters whose assessments went through the real workflow (services)."""

import pytest
from django.contrib.auth import get_user_model

from clusters.models import Cluster, Network, Sector
from grid import services
from grid.scoring import ANSWERS
from tests.fixtures import PASSWORD, fill


def add_cluster(network, index, *, region="BRE", kind="pole", size="50-149", sectors=(),
                year=2025, status="submitted", value=None, by):
    """A cluster of `network` with an assessment of `year` in `status` (or none: status None)."""
    cluster = Cluster.objects.create(name=f"Pôle test {index:02}", slug=f"test-{index:02}",
                                     region=region, kind=kind, size=size)
    cluster.sectors.set(Sector.objects.filter(slug__in=sectors))
    network.clusters.add(cluster)
    if status is None:
        return cluster
    assessment = services.assessment_start(cluster=cluster, year=year, by=by, prefill=False)
    fill(assessment, by, value or ANSWERS[index % len(ANSWERS)])
    if status in ("submitted", "validated"):
        services.assessment_submit(assessment=assessment, by=by)
    if status == "validated":
        services.assessment_validate(assessment=assessment, by=by)
    return cluster


def new_network(coordinator):
    network = Network.objects.create(name="Réseau test", slug="reseau-test")
    network.coordinators.add(coordinator)
    return network


@pytest.fixture
def network(db, coordinator):
    return new_network(coordinator)


@pytest.fixture
def other_coordinator(db):
    """The coordinator of another network: sees nothing of `network`."""
    user = get_user_model().objects.create_user("reseau-autre", password=PASSWORD)
    Network.objects.create(name="Autre réseau", slug="autre-reseau").coordinators.add(user)
    return user


@pytest.fixture
def fifteen(network, campaign_2025, editor):
    """Fifteen clusters with a submitted 2025, in this order: ten in Bretagne (in the « numérique »
    sector), then five in Normandie; one with a draft and one that has not started. Figures
    change by five (network/anonymity.py): all fifteen are in them."""
    return add_fifteen(network, editor)


def add_fifteen(network, editor):
    for index in range(10):
        add_cluster(network, index, region="BRE", sectors=["numerique"], by=editor)
    for index in range(10, 15):
        add_cluster(network, index, region="NOR", by=editor)
    add_cluster(network, 15, status="draft", by=editor)
    add_cluster(network, 16, status=None, by=editor)
    return network
