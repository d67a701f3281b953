"""The outside tester's attacks on the network's figures, run against a generated network of 120
clusters over three years (DESIGN §8): five-cluster inversion, segment move, the difference
around one new submission (in a year, and from one year to the next), the heatmap complement
and whole-minus-parts over one filter. The attacker reads what a coordinator can download: the
JSON export of every group (network.presenters.json_payload, the same tables as the page, the
CSV, the XLSX and the PDF), for every year, before and after each change."""

import itertools
from collections import defaultdict

import pytest

from clusters.models import Cluster, Network
from grid import services as grid_services
from grid.models import Assessment
from network import presenters, selectors
from network.anonymity import (
    MIN_COUNT,
    MIN_DISTRIBUTION,
    hidden_cells,
    published,
    shown_groups,
)
from network.generate import generate
from network.models import Snapshot
from network.selectors import HEATMAP_ANSWERS, Record, group_key, groups_of
from tests.fixtures import built_once, fill

from .conftest import add_cluster

YEARS = (2023, 2024, 2025)
CLUSTERS = 120
HIDDEN = "moins de 5 pôles : non affiché"


@pytest.fixture(scope="module")
def generated(django_db_setup, django_db_blocker):
    """Built once for the module (tests.fixtures.built_once)."""
    with built_once(django_db_blocker):
        generate(network_slug="attaque", clusters=CLUSTERS, years=len(YEARS),
                 first_year=YEARS[0], seed=7)
        yield Network.objects.get(slug="attaque")


def segments(network) -> list[dict]:
    """Every group a coordinator can ask for: the whole network and each value of each
    criterion found in the network's snapshots."""
    values = set()
    for region, kind, size, sectors in Snapshot.objects.filter(network=network).values_list(
            "region", "kind", "size", "sectors"):
        values |= {("region", region), ("kind", kind), ("size", size),
                   *(("sector", sector) for sector in sectors)}
    return [{}, *({name: value} for name, value in sorted(values) if value)]


def everything(network) -> dict:
    """What the attacker downloads: every group's JSON for every year."""
    return {(year, tuple(filters.items())): presenters.json_payload(
                selectors.network_year(network, year, filters))
            for year in YEARS for filters in segments(network)}


def truth(network, year: int) -> tuple[dict, set]:
    """The test's ground truth: every group's published snapshots that year, and which groups
    may be shown, from the method's own pieces (network.anonymity)."""
    records = [Record(pk, cluster, row_year, digest, counted, region, kind, size,
                      tuple(sectors), note)
               for pk, cluster, row_year, digest, counted, region, kind, size, sectors, note
               in Snapshot.objects.filter(network=network, year=year)
               .order_by("taken_at", "pk").values_list(
                   "pk", "cluster_id", "year", "digest", "counted", "region", "kind", "size",
                   "sectors", "global_note")]
    groups = published(records, groups_of)
    return groups, shown_groups({key: group.members for key, group in groups.items()})


def true_members(network, year: int, filters: dict) -> dict[int, Record]:
    """The clusters (and snapshots) a group's figures read; empty when the group is hidden."""
    groups, shown = truth(network, year)
    key = group_key(filters)
    return groups[key].members if key in shown else {}


def draws(payload) -> bool:
    return isinstance(payload.get("distributions"), dict) and any(
        isinstance(value, dict) for value in payload["distributions"].values())


@pytest.mark.django_db
def test_five_cluster_inversion_finds_no_five_cluster_box(generated):
    """The tester read a 5-cluster box's quartiles as notes and solved its extremes from p10 and
    p90: (p10 − 0.4·q1)/0.6 and (p90 − 0.4·q3)/0.6. Now no group under 10 clusters has a box:
    there are such groups (the attack's targets), counted, and nothing to invert."""
    figures = everything(generated)
    small = [key for key, payload in figures.items()
             if isinstance(payload["counted"], int) and payload["counted"] < MIN_DISTRIBUTION]
    assert len(small) >= 10  # targets the attack would have had
    recovered = []
    for key, payload in figures.items():
        for metric, box in (payload.get("distributions") or {}).items():
            if not isinstance(box, dict):
                continue
            assert box["count"] >= MIN_DISTRIBUTION, (key, metric)
            assert all(round(box[cut] * 100, 9) == int(round(box[cut] * 100))  # whole points
                       for cut in ("p10", "q1", "median", "q3", "p90"))
            if box["count"] == 5:
                recovered.append((box["p10"] - 0.4 * box["q1"]) / 0.6)
    assert recovered == []
    for key in small:
        assert not draws(figures[key]), key


@pytest.mark.django_db
def test_a_segment_move_moves_no_past_figure(generated):
    """A cluster's staff change its size band and region: the years it submitted before stay
    in the segments they were submitted in, so no figure of any group changes."""
    before = everything(generated)
    moved = (Cluster.objects.filter(networks=generated, size="1-49")
             .exclude(region="PAC").first())
    moved.size, moved.region = "300+", "PAC"
    moved.save()
    assert everything(generated) == before


@pytest.mark.django_db
def test_one_new_submission_moves_a_figure_only_with_four_others(generated, editor):
    """The attacker downloads everything, waits for one more cluster to submit its year, and
    downloads again, then once more after four more. A group's figures either did not move
    (only how many changes wait) or moved because five of its clusters or more changed at once:
    the difference never stands for the one that submitted, nor for fewer than five."""
    drafts = list(Assessment.objects.filter(cluster__networks=generated, campaign__year=2025,
                                            status="draft").order_by("pk")[:5])
    assert len(drafts) == 5
    moved = 0
    for batch in (drafts[:1], drafts[1:]):
        before, members_before = everything(generated), every_group(generated)
        for draft in batch:
            submit(draft, editor)
        after, members_after = everything(generated), every_group(generated)
        for key, payload in after.items():
            old, new = members_before[key], members_after[key]
            if old == new:
                assert own_year(payload) == own_year(before[key]), key
            else:
                changed = {c for c in old.keys() | new.keys() if old.get(c) != new.get(c)}
                assert len(changed) >= MIN_COUNT, key
                moved += 1
    assert moved  # the fifth submission did move some groups: by five


def every_group(network) -> dict:
    """Each group's published clusters and what they say (digests), as `everything` keys."""
    groups = {}
    for year in YEARS:
        published_groups, shown = truth(network, year)
        for filters in segments(network):
            key = group_key(filters)
            groups[year, tuple(filters.items())] = {
                cluster: record.digest for cluster, record in
                (published_groups[key].members.items() if key in shown else ())}
    return groups


def submit(assessment, by) -> None:
    blank = set(assessment.answers.filter(value="").values_list("question__code", flat=True))
    fill(assessment, by, "+", codes=blank)
    grid_services.assessment_submit(assessment=assessment, by=by)


def own_year(payload: dict) -> dict:
    """A group's figures of the payload's year (the trend's other years are their own keys),
    but how many changes wait."""
    return {name: value for name, value in payload.items() if name not in ("waiting", "trend")}


@pytest.mark.django_db
def test_the_year_to_year_difference_around_one_new_cluster_gives_nothing(
        generated, network, editor):
    """Twelve clusters of another network give the same answers in 2024 and 2025 (a year
    opened from the last one); in 2025 a thirteenth joins. 2025's figures minus 2024's would
    be the newcomer's: they are the same figures."""
    values = ["++", "+", "-", "--"]
    clusters = [add_cluster(network, index, year=2024, value=values[index % 4], by=editor)
                for index in range(12)]
    for cluster in clusters:
        assessment = grid_services.assessment_start(cluster=cluster, year=2025, by=editor,
                                                    prefill=True)
        grid_services.assessment_submit(assessment=assessment, by=editor)
    add_cluster(network, 12, year=2025, value="++", by=editor)
    figures = {year: presenters.json_payload(selectors.network_year(network, year, {}))
               for year in (2024, 2025)}
    assert figures[2025]["distributions"] == figures[2024]["distributions"]
    assert figures[2025]["answers"] == figures[2024]["answers"]
    assert figures[2025]["waiting"] == figures[2024]["waiting"] + 1


def counts_of(payload, code: str) -> dict[str, int | None]:
    total = payload["counted"]
    return {answer: None if share == HIDDEN else round(share * total)
            for answer, share in payload["answers"][code].items()}


@pytest.mark.django_db
def test_the_heatmap_complement_recovers_no_hidden_cell(generated):
    """For each row, the attacker looks for the rows that would show exactly the same (the
    shown cells, which cells are hidden) under the hiding rule, which is public: permutations
    of the hidden values, and one cluster moved between two hidden cells. A hidden cell is
    recovered when all of them agree on it; none is."""
    checked = 0
    for year in YEARS:
        payload = presenters.json_payload(selectors.network_year(generated, year, {}))
        for code in payload["answers"]:
            seen = counts_of(payload, code)
            hidden = [answer for answer, count in seen.items() if count is None]
            if not hidden:
                continue
            true = true_counts(generated, year, code)
            allowed = [a for a in HEATMAP_ANSWERS
                       if not (code.startswith("S-") and a == "na")]
            candidates = alternatives(true, hidden, allowed)
            for answer in hidden:
                if code.startswith("S-") and answer == "na":
                    continue
                assert len({row[answer] for row in candidates}) > 1, (year, code, answer)
            checked += 1
    assert checked >= 20  # rows with hidden cells were there to attack


def true_counts(network, year: int, code: str) -> dict[str, int]:
    members = true_members(network, year, {})
    answers = dict(Snapshot.objects.filter(pk__in=[r.pk for r in members.values()])
                   .values_list("pk", "answers"))
    said = [answers[record.pk][code] for record in members.values()]
    return {answer: said.count(answer) for answer in HEATMAP_ANSWERS}


def alternatives(true: dict[str, int], hidden: list[str], allowed: list[str]) -> list[dict]:
    """Rows consistent with what the true row shows, found by permuting the hidden values and
    moving one cluster between two hidden cells."""
    def output(row):
        rule_row = {answer: row[answer] for answer in allowed}
        gone = hidden_cells(rule_row)
        return tuple(None if answer in gone else row[answer] for answer in allowed)

    target = output(true)
    rows = []
    keys = [answer for answer in hidden if answer in allowed]
    for values in set(itertools.permutations([true[answer] for answer in keys])):
        rows.append({**true, **dict(zip(keys, values, strict=True))})
    for giver, taker in itertools.permutations(keys, 2):
        if true[giver]:
            rows.append({**true, giver: true[giver] - 1, taker: true[taker] + 1})
    return [row for row in rows if output(row) == target]


@pytest.mark.django_db
def test_whole_minus_parts_over_one_filter_describes_no_small_group(generated):
    """For each year and criterion, the network minus the segments shown leaves none or at
    least five clusters; segments carry no answers' shares, so the difference gives no answer
    either, and no note of a cluster left alone."""
    by_criterion = defaultdict(list)
    for filters in segments(generated)[1:]:
        (name, value), = filters.items()
        by_criterion[name].append(filters)
    attacked = 0
    for year in YEARS:
        whole = true_members(generated, year, {})
        for name, groups in by_criterion.items():
            parts = [true_members(generated, year, filters) for filters in groups]
            for filters, members in zip(groups, parts, strict=True):
                payload = presenters.json_payload(selectors.network_year(generated, year,
                                                                         filters))
                assert "answers" not in payload
                assert bool(members) == isinstance(payload["counted"], int)
            # The whole minus the parts, snapshot by snapshot: whoever is not cancelled out.
            terms = defaultdict(int)
            for record in whole.values():
                terms[record.cluster, record.digest] += 1
            for part in parts:
                for record in part.values():
                    terms[record.cluster, record.digest] -= 1
            left = {cluster for (cluster, _), count in terms.items() if count}
            assert len(left) == 0 or len(left) >= MIN_COUNT, (year, name, len(left))
            attacked += 1
    assert attacked == len(YEARS) * 4

