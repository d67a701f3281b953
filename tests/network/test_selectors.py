"""A network's figures: only submitted and validated years count, from the snapshots taken as
the workflow goes, under the disclosure-control method (network/anonymity.py)."""

import pytest

from clusters.models import Sector
from grid import services as grid_services
from grid.scoring import score
from grid.selectors import assessment_inputs
from network import selectors
from network.models import Snapshot

from .conftest import add_cluster

pytestmark = pytest.mark.django_db


def page(network, **filters):
    return selectors.network_year(network, None, filters)


def test_submitted_and_validated_count_drafts_never(fifteen):
    year = page(fifteen)
    assert (year.year, year.shown, year.size, year.network_size) == (2025, True, 15, 17)
    assert Snapshot.objects.filter(network=fifteen).count() == 15  # taken at each submission
    assert year.boxes["global"].count == 15 and year.waiting == 0


def test_the_snapshot_holds_the_scores_stored_at_submission_and_the_profile(fifteen):
    snapshot = Snapshot.objects.select_related("assessment").first()
    scores = score(*assessment_inputs(snapshot.assessment))
    assert snapshot.notes["global"] == pytest.approx(float(scores.global_note))
    assert snapshot.notes["A"] == pytest.approx(float(scores.axes["A"]))
    assert snapshot.notes["2C"] == pytest.approx(float(scores.sections["2C"]))
    assert len(snapshot.answers) == 41
    assert (snapshot.region, snapshot.kind, snapshot.size, snapshot.sectors) == (
        "BRE", "pole", "50-149", ["numerique"])


def test_figures_change_once_five_clusters_have_changed(fifteen, network, board, editor):
    before = page(fifteen)
    first = Snapshot.objects.order_by("pk").first().assessment
    grid_services.assessment_return(assessment=first, by=board, comment="À revoir.")
    assert Snapshot.objects.filter(assessment=first).latest("pk").counted is False
    returned = page(fifteen)
    assert (returned.size, returned.waiting) == (15, 1)  # withdrawn, but not yet in the figures
    assert returned.boxes == before.boxes
    grid_services.assessment_submit(assessment=first, by=editor)
    assert page(fifteen).waiting == 0  # back as it was: nothing waits
    for index in range(20, 24):
        add_cluster(network, index, region="PDL", by=editor)
    assert (page(fifteen).size, page(fifteen).waiting) == (15, 4)
    add_cluster(network, 24, region="PDL", by=editor)
    assert (page(fifteen).size, page(fifteen).waiting) == (20, 0)  # five at once


def test_a_segment_is_counted_from_five_and_distributed_from_ten(fifteen):
    bretagne, normandie = page(fifteen, region="BRE"), page(fifteen, region="NOR")
    assert (bretagne.shown, bretagne.size, normandie.shown, normandie.size) == (
        True, 10, True, 5)
    assert bretagne.boxes["global"].count == 10
    assert normandie.boxes["global"] is None  # five notes: no distribution
    assert not page(fifteen, region="PDL").shown
    # Answers' shares belong to the whole network only.
    assert bretagne.heatmap == [] and len(page(fifteen).heatmap) == 41


def test_a_later_profile_change_moves_no_past_figure(fifteen):
    before = page(fifteen, region="NOR")
    moved = fifteen.clusters.get(slug="test-10")
    moved.region = "BRE"
    moved.save()
    moved.sectors.set(Sector.objects.filter(slug="numerique"))
    after = page(fifteen, region="NOR")
    assert (after.size, after.boxes) == (before.size, before.boxes)
    assert page(fifteen, sector="numerique").size == 10


def test_a_cluster_joining_brings_its_years_and_one_leaving_withdraws_them(fifteen, network,
                                                                            editor):
    outside = add_cluster(network, 30, region="PDL", by=editor)
    network.clusters.remove(outside)
    assert Snapshot.objects.filter(cluster=outside).latest("pk").counted is False
    assert page(fifteen).waiting == 0  # joined and left before any figure changed
    network.clusters.add(outside)
    assert Snapshot.objects.filter(cluster=outside).latest("pk").counted is True
    assert page(fifteen).waiting == 1


def test_the_heatmap_hides_small_cells_and_never_lets_them_be_deduced(fifteen):
    heatmap = page(fifteen).heatmap
    assert len(heatmap) == 41
    # Fifteen clusters answered ++, +, -, -- in turn: 4 × « ++ », 4 × « + », 4 × « - »,
    # 3 × « -- » (index % 4), nothing else: every cell under 5, the row hidden.
    assert all(cell.count is None for cell in heatmap[-1].cells)
    section_s = heatmap[0]
    assert section_s.code.startswith("S-")
    assert section_s.cell("na").count == 0  # never an answer in section S: nothing to hide


def test_the_trend_follows_the_same_rule(fifteen, version, editor):
    from grid.models import Campaign

    Campaign.objects.create(year=2024, version=version)
    year = page(fifteen)
    assert [(point.year, point.size) for point in year.trend] == [(2025, 15)]
    assert year.trend[0].median is not None
    assert page(fifteen, region="NOR").trend[0].median is None  # five clusters: no median


def test_two_criteria_at_once_are_refused(fifteen):
    from network.forms import NetworkFilters

    form = NetworkFilters({"region": "BRE", "type": "pole"}, years=[2025])
    assert not form.is_valid()
    assert "Un seul critère à la fois" in str(form.non_field_errors())


def test_the_page_reads_a_fixed_number_of_queries(fifteen, network, editor,
                                                  django_assert_num_queries):
    # the years' state, their snapshots (a year computed anew), the network's size, the
    # year's notes and answers, its questions
    with django_assert_num_queries(5):
        selectors.network_year(fifteen, 2025, {})
    with django_assert_num_queries(4):  # the years' figures from the cache
        selectors.network_year(fifteen, 2025, {})
    for index in range(20, 26):
        add_cluster(network, index, region="PDL", by=editor)
    with django_assert_num_queries(4):  # a segment: no answers, no questions
        selectors.network_year(fifteen, 2025, {"region": "PDL"})
    with django_assert_num_queries(4):
        selectors.network_year(fifteen, 2025, {})


def test_the_cache_never_serves_a_changed_year(fifteen, network, editor):
    assert page(fifteen).size == 15
    for index in range(20, 25):
        add_cluster(network, index, region="PDL", by=editor)
    assert page(fifteen).size == 20  # a new snapshot: a new key


def test_a_heatmap_row_says_whether_it_is_hidden_whole_or_only_its_small_cells(
        network, campaign_2025, editor):
    # Figures change by five: the first ten count, eight « ++ » and two « + ».
    for index in range(12):
        add_cluster(network, index, value="++" if index < 8 else "+", by=editor)
    rows = page(network).heatmap
    assert all(not row.suppressed for row in rows)
    row = rows[0]
    assert row.cell("++").count == 8 and row.cell("+").count is None
    assert row.cell("--").count is None  # a zero is hidden too: « < 5 »
