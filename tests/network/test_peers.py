"""A cluster among its peers: on its results page when its network has at least five other
clusters counted that year; quartiles only, never the others' names or notes."""

import pytest

from grid import services as grid_services
from grid.scoring import scores_from_json
from network.models import Snapshot
from network.selectors import peer_positions
from tests.fixtures import url

from .conftest import add_cluster

pytestmark = pytest.mark.django_db
HALF = scores_from_json({"global": 0.5, "strategy_factor": 0.5})


def test_the_results_page_places_the_cluster_among_five_or_more(seven, submitted, cluster_a,
                                                                 editor_client):
    seven.clusters.add(cluster_a)
    html = editor_client.get(url("results", submitted)).content.decode()
    assert "Parmi les pôles du réseau Réseau test (7 autres pôles)" in html
    assert "4e quartile (le quart le plus haut)" in html  # all « ++ »: above every other
    assert "Pôle test" not in html  # no other cluster's name
    assert 'class="peer-own" cx="100.00"' in html  # a point, not a decimal comma


def test_fewer_than_five_others_show_nothing(network, campaign_2025, submitted, cluster_a,
                                             editor, editor_client):
    network.clusters.add(cluster_a)
    for index in range(4):
        add_cluster(network, index, by=editor)
    assert "Parmi les pôles du réseau" not in editor_client.get(
        url("results", submitted)).content.decode()
    add_cluster(network, 4, status="draft", by=editor)  # a draft does not count
    assert peer_positions(cluster_a, 2025, HALF) == []
    add_cluster(network, 5, by=editor)
    assert [p.peers for p in peer_positions(cluster_a, 2025, HALF)] == [5]


def test_the_snapshot_is_taken_at_submission(network, campaign_2025, filled, cluster_a, editor,
                                             board):
    network.clusters.add(cluster_a)
    assert not Snapshot.objects.exists()
    grid_services.assessment_submit(assessment=filled, by=editor)
    assert Snapshot.objects.get().notes["global"] == 1.0
    grid_services.assessment_validate(assessment=filled, by=board)
    snapshot = Snapshot.objects.get()
    filled.refresh_from_db()
    assert snapshot.taken_from == filled.updated_at


def test_the_pdf_report_places_the_cluster_too(seven, submitted, cluster_a, editor_client):
    import subprocess

    seven.clusters.add(cluster_a)
    pdf = editor_client.get(url("report", submitted)).content
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()
    assert "Parmi les pôles du réseau Réseau test (7 autres pôles)" in text
    assert "4e quartile" in text and "Pôle test" not in text
