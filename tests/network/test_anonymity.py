"""The disclosure-control method (network/anonymity.py, network/stats.py), on hand-worked cases,
and its heatmap rule against every row an attacker could face."""

from collections import defaultdict
from dataclasses import dataclass

import pytest

from network.anonymity import (
    WHOLE,
    differ_enough,
    hidden_cells,
    left_out,
    published,
    shown_groups,
)
from network.stats import box, median, whole_point


@dataclass(frozen=True)
class Rec:
    cluster: int
    digest: str = "a"
    counted: bool = True
    region: str = "BRE"


def in_region(record):
    return {WHOLE, ("region", record.region)}


def members(groups, key=WHOLE):
    return {cluster: record.digest for cluster, record in groups[key].members.items()}


def test_figures_change_only_once_five_clusters_have_changed():
    four = published([Rec(c) for c in range(4)], in_region)
    assert members(four) == {} and four[WHOLE].waiting == {0, 1, 2, 3}
    nine = published([Rec(c) for c in range(9)], in_region)
    assert sorted(members(nine)) == [0, 1, 2, 3, 4]  # the first five, in arrival order
    assert nine[WHOLE].waiting == {5, 6, 7, 8}
    ten = published([Rec(c) for c in range(10)], in_region)
    assert sorted(members(ten)) == list(range(10)) and not ten[WHOLE].waiting


def test_a_withdrawal_or_a_change_waits_like_a_submission():
    records = [Rec(c) for c in range(10)]
    returned = published([*records, Rec(3, counted=False)], in_region)
    assert 3 in members(returned) and returned[WHOLE].waiting == {3}  # still counted as it was
    # Returned, then submitted again unchanged: nothing changed, nothing waits.
    back = published([*records, Rec(3, counted=False), Rec(3)], in_region)
    assert back[WHOLE].waiting == set()
    changed = published([*records, *(Rec(c, digest="b") for c in range(5))], in_region)
    assert set(members(changed).values()) == {"a", "b"} and not changed[WHOLE].waiting


def test_a_cluster_moving_segment_changes_both_segments():
    records = [Rec(c, region="BRE") for c in range(5)] + [Rec(c, region="NOR")
                                                          for c in range(5, 10)]
    moved = published([*records, Rec(0, digest="b", region="NOR")], in_region)
    assert 0 in members(moved, ("region", "BRE")) and 0 not in members(moved, ("region", "NOR"))
    assert moved["region", "BRE"].waiting == {0} == moved["region", "NOR"].waiting


@pytest.mark.parametrize(("one", "other", "enough"), [
    ({1: "a"}, {1: "a"}, True),
    ({c: "a" for c in range(10)}, {c: "a" for c in range(9)}, False),  # one cluster apart
    ({c: "a" for c in range(10)}, {c: "a" for c in range(5)}, True),
    ({c: "a" for c in range(10)}, {**{c: "a" for c in range(10)}, 3: "b"}, False),  # a change
    ({c: "a" for c in range(5)}, {c: "a" for c in range(3, 10)}, True),  # 3 + 5 apart
])
def test_two_groups_differ_by_none_or_five(one, other, enough):
    as_records = [{c: Rec(c, d) for c, d in group.items()} for group in (one, other)]
    assert differ_enough(*as_records) is enough


def test_the_whole_minus_its_parts_counts_what_it_still_describes():
    whole = {c: Rec(c) for c in range(12)}
    parts = [{c: whole[c] for c in range(5)}, {c: whole[c] for c in range(5, 11)}]
    assert left_out(whole, parts) == 1  # cluster 11 alone
    overlapping = [{c: whole[c] for c in range(7)}, {c: whole[c] for c in range(5, 12)}]
    assert left_out(whole, overlapping) == 2  # clusters 5 and 6 counted twice


def group(clusters, region):
    return {c: Rec(c, region=region) for c in clusters}


def test_groups_shown_are_five_apart_and_leave_five_out_or_none():
    whole = group(range(23), "")
    groups = {WHOLE: whole,
              ("region", "BRE"): {c: whole[c] for c in range(12)},
              ("region", "NOR"): {c: whole[c] for c in range(12, 18)},  # 6
              ("region", "PDL"): {c: whole[c] for c in range(18, 21)},  # 3: too small
              ("region", "COR"): {c: whole[c] for c in range(21, 23)},  # 2
              ("kind", "pole"): {c: whole[c] for c in range(22)}}  # one apart from the whole
    shown = shown_groups(groups)
    # PDL and COR leave 5 out: Bretagne and Normandie may show; the type is 1 from the whole.
    assert shown == {WHOLE, ("region", "BRE"), ("region", "NOR")}
    groups["region", "COR"] = {c: whole[c] for c in range(21, 22)}
    groups[WHOLE] = {c: whole[c] for c in range(22)}
    # Now 4 are left out: the smallest region shown (Normandie) goes too.
    groups.pop(("kind", "pole"))
    assert shown_groups(groups) == {WHOLE, ("region", "BRE")}
    assert shown_groups({WHOLE: group(range(4), "")}) == set()


@pytest.mark.parametrize(("counts", "hidden"), [
    ({"++": 5, "+": 5, "-": 0, "--": 0, "na": 0}, set()),
    ({"++": 8, "+": 2, "-": 0, "--": 0, "na": 0}, {"+", "-", "--", "na"}),  # zeros too
    ({"++": 8, "+": 2, "-": 6, "--": 7, "na": 9}, {"++", "+", "-", "--", "na"}),  # one alone
    ({"++": 9, "+": 4, "-": 4, "--": 6}, {"++", "+", "-", "--"}),  # hidden 4s only
    ({"++": 5, "+": 4, "-": 4, "--": 4, "na": 3}, {"++", "+", "-", "--", "na"}),  # or one 3
    ({"++": 6, "+": 2, "-": 1, "--": 0, "na": 0}, {"+", "-", "--", "na"}),
    ({"++": 0, "+": 0, "-": 0, "--": 0, "na": 0}, set()),
])
def test_small_cells_are_hidden_with_every_cell_under_five(counts, hidden):
    assert hidden_cells(counts) == hidden


def rows(total: int, width: int):
    """Every row of `width` cells (answers) counting `total` clusters."""
    if width == 1:
        yield (total,)
        return
    for first in range(total + 1):
        for rest in rows(total - first, width - 1):
            yield (first, *rest)


@pytest.mark.parametrize("width", [5, 4])  # a question with « na », one of section S without
def test_no_hidden_cell_follows_from_the_total_the_shown_cells_and_the_rule(width):
    """The heatmap complement attack, exhaustively: for each group size the attacker knows, what
    a row shows (cells and which are hidden) is grouped with every row that shows the same; a
    hidden cell is recovered when all those rows agree on it."""
    keys = ("++", "+", "-", "--", "na")[:width]
    for total in range(5, 31):
        candidates = defaultdict(lambda: defaultdict(set))
        for row in rows(total, width):
            counts = dict(zip(keys, row, strict=True))
            hidden = hidden_cells(counts)
            seen = tuple(None if key in hidden else counts[key] for key in keys)
            for key in hidden:
                candidates[seen][key].add(counts[key])
        for seen, cells in candidates.items():
            for key, values in cells.items():
                assert len(values) > 1, (total, seen, key, values)


def test_a_distribution_needs_ten_notes_and_rounds_to_the_whole_point():
    assert box([0.1 * i for i in range(9)] + [None]) is None
    distribution = box([0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.123])
    assert distribution.count == 11
    # Inclusive method: the k-th percentile sits k % of the way from the first to the last.
    assert (distribution.p10, distribution.median, distribution.p90) == (0.1, 0.4, 0.8)
    assert distribution.q1 == 0.16  # halfway between 0.123 and 0.2, to the whole point
    assert [distribution.quartile_of(note) for note in (0.1, 0.3, 0.5, 0.9)] == [1, 2, 3, 4]
    assert whole_point(0.12499) == 0.12 and whole_point(0.125) == 0.13
    assert median([0.5] * 9) is None and median([0.501] * 10) == 0.5
