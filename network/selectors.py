"""Reads of the network level: a network's aggregates for a year, for its coordinators only, and
a cluster's position among its peers. Nothing here returns a cluster's name, answers or notes:
only counts, shares and distributions of groups the anonymity rule lets through (anonymity.py)."""

import statistics
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations

from django.shortcuts import get_object_or_404

from clusters.models import Cluster, Network
from grid.models import Question
from grid.scoring import ANSWERS, NOT_APPLICABLE, Scores, scores_to_json

from .anonymity import group_is_shown, hidden_cells
from .models import Snapshot
from .services import COUNTED, notes_of
from .stats import METRICS, Box, box

HEATMAP_ANSWERS = (*ANSWERS, NOT_APPLICABLE)
MOST_DISAGREED = 10


def networks_of(user) -> list[Network]:
    """The networks `user` (logged in) coordinates."""
    return list(user.coordinated_networks.all())


def network_for(user, slug: str) -> Network:
    """A network its coordinator asks for; 404 for anyone else (its existence is not confirmed)."""
    return get_object_or_404(Network, slug=slug, coordinators=user)


@dataclass(frozen=True)
class Profile:
    """What the filters look at of a cluster."""

    region: str
    kind: str
    size: str
    sectors: frozenset[str]  # slugs

    def matches(self, filters: dict[str, str]) -> bool:
        return all(
            value in self.sectors if name == "sector" else getattr(self, name) == value
            for name, value in filters.items()
        )


@dataclass(frozen=True)
class HeatCell:
    answer: str
    count: int | None  # None: hidden
    share: float | None


@dataclass(frozen=True)
class HeatRow:
    code: str
    text: str
    cells: tuple[HeatCell, ...]

    def cell(self, answer: str) -> HeatCell:
        return next(cell for cell in self.cells if cell.answer == answer)


@dataclass(frozen=True)
class TrendPoint:
    year: int
    size: int | None  # None: the group is hidden that year
    median: float | None


@dataclass
class NetworkYear:
    """A network's year under filters: `shown` is False when the anonymity rule hides the group
    (then every number below is empty)."""

    network: Network
    year: int | None
    filters: dict[str, str]
    years: list[int]
    network_size: int  # clusters in the network, counted or not (not a secret)
    shown: bool = False
    size: int | None = None
    boxes: dict[str, Box | None] = field(default_factory=dict)
    heatmap: list[HeatRow] = field(default_factory=list)
    most_disagreed: list[tuple[HeatRow, HeatCell]] = field(default_factory=list)
    trend: list[TrendPoint] = field(default_factory=list)


def _profiles(network: Network) -> dict[int, Profile]:
    sectors: dict[int, set[str]] = {}
    for cluster, sector in Cluster.sectors.through.objects.filter(
        cluster__networks=network
    ).values_list("cluster_id", "sector__slug"):
        sectors.setdefault(cluster, set()).add(sector)
    return {
        pk: Profile(region, kind, size, frozenset(sectors.get(pk, ())))
        for pk, region, kind, size in Cluster.objects.filter(networks=network)
        .values_list("pk", "region", "kind", "size")
    }


def _counted(network: Network):
    return Snapshot.objects.filter(cluster__networks=network, assessment__status__in=COUNTED)


def _group_is_shown(members: list[Profile], filters: dict[str, str]) -> tuple[bool, int]:
    """The anonymity rule for the clusters of `members` the filters keep, against every group
    that drops some of the filters."""
    names = list(filters)
    # Which filters each member passes: at most 2^len(filters) kinds of member to count.
    passes = Counter(
        tuple(member.matches({name: filters[name]}) for name in names) for member in members
    )

    def size_of(kept: tuple[int, ...]) -> int:
        return sum(count for flags, count in passes.items() if all(flags[i] for i in kept))

    size = size_of(tuple(range(len(names))))
    larger = [size_of(kept) for count in range(len(names))
              for kept in combinations(range(len(names)), count)]
    return group_is_shown(size, larger), size


def network_year(network: Network, year: int | None, filters: dict[str, str]) -> NetworkYear:
    """The aggregates of the network's counted assessments of `year` (the latest when None),
    among the clusters the filters keep. Six queries whatever the number of clusters."""
    profiles = _profiles(network)
    by_year: dict[int, list[tuple[int, float | None]]] = {}
    for row_year, cluster, note in _counted(network).values_list("year", "cluster_id",
                                                                 "global_note"):
        by_year.setdefault(row_year, []).append((cluster, note))
    years = sorted(by_year)
    page = NetworkYear(network, year or (years[-1] if years else None), filters, years,
                       len(profiles))
    page.trend = [
        _trend_point(row_year, [(profiles[c], note) for c, note in rows], filters)
        for row_year, rows in sorted(by_year.items())
    ]
    if page.year not in by_year:
        return page
    members = [profiles[cluster] for cluster, _note in by_year[page.year]]
    page.shown, size = _group_is_shown(members, filters)
    if not page.shown:
        return page
    page.size = size
    year_rows = _counted(network).filter(year=page.year)
    if filters:  # only the segment's rows travel
        year_rows = year_rows.filter(cluster__in=[
            pk for pk, profile in profiles.items() if profile.matches(filters)])
    kept = list(year_rows.values_list("notes", "answers"))
    page.boxes = {metric: _shown_box(notes.get(metric) for notes, _ in kept)
                  for metric in METRICS}
    page.heatmap = _heatmap(page.year, [answers for _, answers in kept])
    page.most_disagreed = sorted(  # the shares shown only: a hidden cell is not ranked
        ((row, row.cell("--")) for row in page.heatmap if row.cell("--").count),
        key=lambda pair: -pair[1].count,
    )[:MOST_DISAGREED]
    return page


def _shown_box(notes) -> Box | None:
    """A note's distribution, unless fewer than five clusters have that note (a section may be
    left out of a grid: all its questions « non applicable »)."""
    distribution = box(notes)
    return distribution if distribution and group_is_shown(distribution.count) else None


def _trend_point(year: int, rows: list[tuple[Profile, float | None]],
                 filters: dict[str, str]) -> TrendPoint:
    shown, size = _group_is_shown([profile for profile, _ in rows], filters)
    if not shown:
        return TrendPoint(year, None, None)
    notes = [note for profile, note in rows if note is not None and profile.matches(filters)]
    return TrendPoint(year, size, statistics.median(notes) if notes else None)


def _heatmap(year: int, answer_sets: list[dict[str, str]]) -> list[HeatRow]:
    total = len(answer_sets)
    counts: Counter = Counter()
    for answers in answer_sets:
        counts.update(answers.items())  # (code, answer) pairs, counted in C
    rows = []
    questions = (Question.objects.filter(version__campaigns__year=year)
                 .order_by("section__order", "order").values_list("code", "text"))
    for code, text in questions:
        row = {answer: counts[code, answer] for answer in HEATMAP_ANSWERS}
        hidden = hidden_cells(row)
        rows.append(HeatRow(code, text, tuple(
            HeatCell(answer, None, None) if answer in hidden
            else HeatCell(answer, count, count / total if total else None)
            for answer, count in row.items()
        )))
    return rows


def counted_years(network: Network) -> list[int]:
    """The years with a counted assessment in the network, oldest first."""
    return sorted(set(_counted(network).values_list("year", flat=True).distinct()))


@dataclass(frozen=True)
class PeerNote:
    metric: str
    peers: Box  # the other clusters' distribution
    own: float | None
    quartile: int | None  # 1 (lowest quarter of the peers) to 4


@dataclass(frozen=True)
class PeerPosition:
    """Where a cluster stands among the other clusters of one of its networks, for a year: only
    when they are at least five, and never their names or their notes, only their quartiles."""

    network: Network
    peers: int
    notes: list[PeerNote]


PEER_METRICS = ("global", "F", "A", "B", "C", "D")


def peer_positions(cluster: Cluster, year: int, scores: Scores) -> list[PeerPosition]:
    """The cluster's position (its `scores` of `year`) in each of its networks whose other
    counted clusters that year are at least five; one query, and one more per network (the
    snapshots are taken at submission and by the generator)."""
    own = notes_of(scores_to_json("", scores))
    positions = []
    for network in Network.objects.filter(clusters=cluster):
        notes = list(_counted(network).filter(year=year).exclude(cluster=cluster)
                     .values_list("notes", flat=True))
        if not group_is_shown(len(notes)):
            continue
        rows = []
        for metric in PEER_METRICS:
            distribution = _shown_box(note.get(metric) for note in notes)
            if distribution is None:
                continue
            value = own.get(metric)
            rows.append(PeerNote(metric, distribution, value,
                                 None if value is None else distribution.quartile_of(value)))
        positions.append(PeerPosition(network, len(notes), rows))
    return positions
