"""The anonymity rule (network/anonymity.py), on hand-worked cases."""

import pytest

from network.anonymity import group_is_shown, hidden_cells
from network.stats import box


@pytest.mark.parametrize(("size", "larger", "shown"), [
    (4, [], False),  # too small
    (5, [], True),
    (5, [5], True),  # the same group as the larger one
    (5, [9], False),  # 4 clusters in between would be described by difference
    (5, [10], True),
    (6, [10, 6], False),  # one of the larger groups is 4 away
    (12, [12, 17, 30], True),
])
def test_a_group_is_shown_from_five_clusters_and_five_away_from_larger_ones(size, larger, shown):
    assert group_is_shown(size, larger) is shown


@pytest.mark.parametrize(("counts", "hidden"), [
    ({"++": 5, "+": 5, "-": 0, "--": 0, "na": 0}, set()),
    ({"++": 8, "+": 2, "-": 0, "--": 0, "na": 0}, {"+", "++"}),  # the row total would tell
    ({"++": 8, "+": 2, "-": 6, "--": 0, "na": 0}, {"+", "-"}),  # the smallest other one
    ({"++": 6, "+": 2, "-": 1, "--": 0, "na": 0}, {"+", "-"}),  # two hidden: enough
    ({"++": 0, "+": 0, "-": 0, "--": 0, "na": 0}, set()),
])
def test_cells_of_one_to_four_clusters_are_hidden_and_never_alone(counts, hidden):
    assert hidden_cells(counts) == hidden


def test_a_box_runs_from_the_10th_to_the_90th_percentile():
    distribution = box([0.1, 0.2, 0.3, 0.4, 0.5, None])
    # Inclusive method: the k-th percentile sits at k % of the way from the first to the last.
    assert distribution.count == 5
    assert distribution.p10 == pytest.approx(0.14)
    assert distribution.q1 == pytest.approx(0.2)
    assert distribution.median == pytest.approx(0.3)
    assert distribution.q3 == pytest.approx(0.4)
    assert distribution.p90 == pytest.approx(0.46)
    assert [distribution.quartile_of(note) for note in (0.1, 0.25, 0.35, 0.5)] == [1, 2, 3, 4]
    assert box([0.5]) is None
