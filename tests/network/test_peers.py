"""A cluster among its peers: on its results page and in its PDF when at least ten other clusters
are in its network's figures that year; quartiles and whole points only, never the others'
names or notes, and never two networks whose peers differ by one to four clusters."""

import subprocess

import pytest

from clusters.models import Network
from grid import services as grid_services
from grid.scoring import scores_from_json
from network.models import Snapshot
from network.selectors import peer_positions
from tests.fixtures import url

from .conftest import add_cluster

pytestmark = pytest.mark.django_db
HALF = scores_from_json({"global": 0.5, "strategy_factor": 0.5})


def test_the_results_page_places_the_cluster_among_ten_or_more(fifteen, submitted, cluster_a,
                                                               editor_client):
    fifteen.clusters.add(cluster_a)
    html = editor_client.get(url("results", submitted)).content.decode()
    assert "Parmi les pôles du réseau Réseau test (15 autres pôles)" in html
    assert "4e quartile (le quart le plus haut)" in html  # all « ++ »: above every other
    assert "Pôle test" not in html  # no other cluster's name
    assert 'class="peer-own" cx="100.00"' in html  # a point, not a decimal comma
    position, = peer_positions(cluster_a, 2025, HALF)
    assert all(round(note.peers.median * 100, 9) == round(note.peers.median * 100)
               for note in position.notes)  # whole points


def test_fewer_than_ten_others_show_nothing(network, campaign_2025, filled, cluster_a,
                                            editor, editor_client):
    network.clusters.add(cluster_a)
    for index in range(9):
        add_cluster(network, index, by=editor)
    assert peer_positions(cluster_a, 2025, HALF) == []  # five in the figures, four waiting
    add_cluster(network, 9, status="draft", by=editor)  # a draft does not count
    assert peer_positions(cluster_a, 2025, HALF) == []
    add_cluster(network, 10, by=editor)
    assert [p.peers for p in peer_positions(cluster_a, 2025, HALF)] == [10]
    submitted = grid_services.assessment_submit(assessment=filled, by=editor)
    # The cluster's own year waits for four more changes: its peers are the same ten.
    assert [p.peers for p in peer_positions(cluster_a, 2025, HALF)] == [10]
    assert "(10 autres pôles)" in editor_client.get(url("results", submitted)).content.decode()


def test_two_networks_whose_peers_differ_by_a_few_show_one(fifteen, submitted, cluster_a,
                                                           editor):
    twin = Network.objects.create(name="Réseau jumeau", slug="reseau-jumeau")
    twin.clusters.add(*fifteen.clusters.exclude(slug__in=["test-14", "test-15", "test-16"]))
    add_cluster(twin, 40, by=editor)  # fourteen shared, one each of their own
    fifteen.clusters.add(cluster_a)
    twin.clusters.add(cluster_a)
    positions = peer_positions(cluster_a, 2025, HALF)
    assert [(p.network.slug, p.peers) for p in positions] == [("reseau-test", 15)]


def test_the_snapshot_is_taken_at_submission_and_validation_changes_nothing(
        network, campaign_2025, filled, cluster_a, editor, board):
    network.clusters.add(cluster_a)
    assert not Snapshot.objects.exists()
    grid_services.assessment_submit(assessment=filled, by=editor)
    assert Snapshot.objects.get().notes["global"] == 1.0
    grid_services.assessment_validate(assessment=filled, by=board)
    assert Snapshot.objects.count() == 1  # the same notes: nothing new to count


def test_the_pdf_report_places_the_cluster_too(fifteen, submitted, cluster_a, editor_client):
    fifteen.clusters.add(cluster_a)
    pdf = editor_client.get(url("report", submitted)).content
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()
    assert "Parmi les pôles du réseau Réseau test (15 autres pôles)" in text
    assert "4e quartile" in text and "Pôle test" not in text
