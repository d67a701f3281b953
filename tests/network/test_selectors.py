"""A network's aggregates: only submitted and validated assessments count, and the anonymity
rule holds on every aggregate."""

import pytest

from grid import services as grid_services
from grid.scoring import score
from grid.selectors import assessment_inputs
from network import selectors, services
from network.models import Snapshot

from .conftest import add_cluster

pytestmark = pytest.mark.django_db


def page(network, **filters):
    services.snapshots_sync(network)
    return selectors.network_year(network, None, filters)


def test_submitted_and_validated_count_drafts_never(seven):
    year = page(seven)
    assert (year.year, year.shown, year.size, year.network_size) == (2025, True, 7, 9)
    assert Snapshot.objects.count() == 7
    assert year.boxes["global"].count == 7


def test_the_snapshot_holds_the_scores_stored_at_submission(seven):
    services.snapshots_sync(seven)
    snapshot = Snapshot.objects.select_related("assessment").first()
    scores = score(*assessment_inputs(snapshot.assessment))
    assert snapshot.notes["global"] == pytest.approx(float(scores.global_note))
    assert snapshot.notes["A"] == pytest.approx(float(scores.axes["A"]))
    assert snapshot.notes["2C"] == pytest.approx(float(scores.sections["2C"]))
    assert len(snapshot.answers) == 41


def test_a_returned_assessment_stops_counting_and_counts_again_resubmitted(seven, board, editor):
    services.snapshots_sync(seven)
    assessment = Snapshot.objects.first().assessment
    grid_services.assessment_return(assessment=assessment, by=board, comment="À revoir.")
    assert page(seven).size == 6
    grid_services.assessment_submit(assessment=assessment, by=editor)
    assert page(seven).size == 7
    assert services.snapshots_sync(seven) == 0  # nothing changed since: nothing taken again


def test_a_segment_under_five_is_hidden_and_so_is_its_complement(seven):
    assert not page(seven, region="BRE").shown  # 4 clusters
    assert not page(seven, region="NOR").shown  # 3 clusters
    hidden = page(seven, region="BRE")
    assert hidden.size is None and hidden.boxes == {} and hidden.heatmap == []


def test_a_segment_five_away_from_the_whole_is_shown_else_hidden(network, campaign_2025, editor):
    for index in range(10):
        add_cluster(network, index, region="BRE" if index < 5 else "NOR", by=editor)
    assert page(network, region="BRE").shown  # 5 of 10: five on each side
    add_cluster(network, 10, region="NOR", by=editor)
    assert page(network, region="BRE").shown  # 5 of 11
    assert page(network, region="NOR").shown  # 6 of 11
    add_cluster(network, 11, region="BRE", kind="grappe", by=editor)
    # 6 in Bretagne, of which 5 pôles: the one grappe would show by difference.
    assert not page(network, region="BRE", kind="pole").shown
    assert page(network, region="BRE").shown


def test_the_heatmap_hides_cells_of_one_to_four_clusters(seven):
    heatmap = page(seven).heatmap
    assert len(heatmap) == 41
    for row in heatmap:
        for cell in row.cells:
            assert cell.count is None or cell.count == 0 or cell.count >= 5
        assert sum(1 for cell in row.cells if cell.count is None) != 1
    # The seven answered ++, +, -, --, ++, +, - everywhere: every non-zero cell is under 5.
    assert all(cell.count in (None, 0) for cell in heatmap[0].cells)


def test_the_trend_follows_the_same_rule(seven, version, editor):
    from grid.models import Campaign

    Campaign.objects.create(year=2024, version=version)
    year = page(seven)
    assert [(point.year, point.size is not None) for point in year.trend] == [(2025, True)]
    assert page(seven, region="BRE").trend[0].median is None


def test_the_page_reads_a_fixed_number_of_queries(seven, network, editor,
                                                  django_assert_num_queries):
    services.snapshots_sync(seven)
    # the clusters, their sectors, the notes of every year, the year in full, its questions
    with django_assert_num_queries(5):
        selectors.network_year(seven, 2025, {})
    for index in range(20, 26):
        add_cluster(network, index, region="PDL", by=editor)
    services.snapshots_sync(seven)
    with django_assert_num_queries(5):
        selectors.network_year(seven, 2025, {"region": "PDL"})
