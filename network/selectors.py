"""Reads of the network level: a network's figures for a year, for its coordinators only, and a
cluster's position among its peers. Nothing here returns a cluster's name, answers or notes:
only counts, shares and distributions the disclosure-control method lets through
(network/anonymity.py)."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.cache import cache
from django.db.models import Count, Max
from django.shortcuts import get_object_or_404

from clusters.models import Cluster, Network
from grid.models import Question
from grid.rules import QUESTION_VALUES, answer_values
from grid.scoring import Scores, scores_to_json

from .anonymity import WHOLE, GroupKey, differ_enough, hidden_cells, published, shown_groups
from .models import Snapshot
from .services import notes_of
from .stats import METRICS, Box, box, median

HEATMAP_ANSWERS = QUESTION_VALUES
MOST_DISAGREED = 10


def networks_of(user) -> list[Network]:
    """The networks `user` (logged in) coordinates."""
    return list(user.coordinated_networks.all())


def network_for(user, slug: str) -> Network:
    """A network its coordinator asks for; 404 for anyone else (its existence is not confirmed)."""
    return get_object_or_404(Network, slug=slug, coordinators=user)


@dataclass(frozen=True)
class Record:
    """A snapshot as the figures read it (network.anonymity.Record)."""

    pk: int
    cluster: int
    year: int
    digest: str
    counted: bool
    region: str
    kind: str
    size: str
    sectors: tuple[str, ...]
    global_note: float | None


def groups_of(record: Record) -> set[GroupKey]:
    """The whole network and the segments a counted snapshot belongs to, by its profile."""
    keys = {WHOLE, *(("sector", sector) for sector in record.sectors)}
    keys.update((name, value) for name, value in
                (("region", record.region), ("kind", record.kind), ("size", record.size))
                if value)
    return keys


def group_key(filters: dict[str, str]) -> GroupKey:
    """The group a page's filters (at most one criterion, network.forms) describe."""
    return next(iter(filters.items()), WHOLE)


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
    suppressed: bool = False  # every answer the question allows is hidden, not only those under 5

    def cell(self, answer: str) -> HeatCell:
        return next(cell for cell in self.cells if cell.answer == answer)


@dataclass(frozen=True)
class TrendPoint:
    year: int
    size: int | None  # None: the group is hidden that year
    median: float | None  # None: hidden, or fewer than ten clusters


@dataclass
class NetworkYear:
    """A network's year for one group (the whole network or a segment): `shown` is False when
    the method hides the group (then every number below is empty)."""

    network: Network
    year: int | None
    filters: dict[str, str]
    years: list[int]
    network_size: int  # clusters in the network, counted or not (not a secret)
    shown: bool = False
    size: int | None = None
    waiting: int = 0  # the group's clusters whose latest change is not in the figures yet
    boxes: dict[str, Box | None] = field(default_factory=dict)
    heatmap: list[HeatRow] = field(default_factory=list)  # the whole network only
    most_disagreed: list[tuple[HeatRow, HeatCell]] = field(default_factory=list)
    trend: list[TrendPoint] = field(default_factory=list)
    # How many clusters each group shown this year counts (the filters' options say it): the
    # numbers the group's own page shows, nothing more.
    group_sizes: dict[GroupKey, int] = field(default_factory=dict)

    @property
    def whole(self) -> bool:
        return not self.filters


_RECORD_FIELDS = ("pk", "cluster_id", "year", "digest", "counted", "region", "kind", "size",
                  "sectors", "global_note")


class Member(NamedTuple):
    """A cluster in a group's figures and the snapshot they read (network.anonymity.Record)."""

    cluster: int
    pk: int
    digest: str


@dataclass(frozen=True)
class GroupFigures:
    """What a shown group's figures read for a year: its members (three columns, which the
    cache reads back much faster than one object per member), how many of its clusters' changes
    wait, and the median of their global notes."""

    clusters: tuple[int, ...]
    pks: tuple[int, ...]
    digests: tuple[str, ...]
    waiting: int
    median: float | None

    @property
    def size(self) -> int:
        return len(self.pks)

    def members(self) -> list[Member]:
        return list(map(Member, self.clusters, self.pks, self.digests))


def year_figures(network_ids, year: int | None = None) -> dict[tuple[int, int], dict]:
    """The shown groups of each (network, year) of these networks (of `year` only, if given):
    group key → GroupFigures. They follow from the year's snapshots alone, which are never
    changed, only added: kept in the cache under the year's last snapshot and count, so that
    only a year that changed is computed again. Two queries, one on a warm cache."""
    states = Snapshot.objects.filter(network__in=network_ids)
    if year is not None:
        states = states.filter(year=year)
    keys = {f"network-figures:{network}:{row_year}:{last}:{count}": (network, row_year)
            for network, row_year, last, count in states.values_list("network", "year")
            .annotate(last=Max("pk"), count=Count("pk")).order_by()}
    found = cache.get_many(keys)
    missing = {keys[key] for key in keys.keys() - found.keys()}
    if missing:
        computed = {}
        by_year: dict[tuple[int, int], list[Record]] = defaultdict(list)
        for network, pk, cluster, row_year, digest, counted, region, kind, size, sectors, note in (
            Snapshot.objects.filter(network__in={network for network, _ in missing},
                                    year__in={row_year for _, row_year in missing})
            .order_by("taken_at", "pk").values_list("network_id", *_RECORD_FIELDS)
        ):
            if (network, row_year) in missing:
                by_year[network, row_year].append(Record(
                    pk, cluster, row_year, digest, counted, region, kind, size, tuple(sectors),
                    note))
        for key, (network, row_year) in keys.items():
            if (network, row_year) in missing:
                computed[key] = _shown_figures(by_year[network, row_year])
        cache.set_many(computed, timeout=None)
        found.update(computed)
    return {keys[key]: figures for key, figures in found.items()}


def _shown_figures(records: list[Record]) -> dict[GroupKey, GroupFigures]:
    groups = published(records, groups_of)
    shown = shown_groups({key: group.members for key, group in groups.items()})
    figures = {}
    for key in shown:
        members = groups[key].members
        figures[key] = GroupFigures(
            tuple(members), tuple(record.pk for record in members.values()),
            tuple(record.digest for record in members.values()), len(groups[key].waiting),
            median(record.global_note for record in members.values()))
    return figures


def network_year(network: Network, year: int | None, filters: dict[str, str]) -> NetworkYear:
    """The figures of `year` (the latest when None) for the group the filters name. Four
    queries (five with the answers of the whole network, one more when a year changed) whatever
    the number of clusters."""
    figures = {row_year: shown for (_, row_year), shown in year_figures([network.pk]).items()}
    years = sorted(figures)  # a year has snapshots once one of its grids counted
    page = NetworkYear(network, year or (years[-1] if years else None), filters, years,
                       network.clusters.count())
    key = group_key(filters)
    for row_year in years:
        group = figures[row_year].get(key)
        page.trend.append(TrendPoint(row_year, group.size if group else None,
                                     group.median if group else None))
        if row_year == page.year:
            page.group_sizes = {key: shown.size for key, shown in figures[row_year].items()}
        if row_year == page.year and group is not None:
            page.shown, page.size, page.waiting = True, group.size, group.waiting
            _describe(page, list(group.pks))
    return page


def _describe(page: NetworkYear, snapshot_ids: list[int]) -> None:
    fields = ("notes", "answers") if page.whole else ("notes",)
    rows = list(Snapshot.objects.filter(pk__in=snapshot_ids).values_list(*fields))
    page.boxes = {metric: box(row[0].get(metric) for row in rows) for metric in METRICS}
    if not page.whole:
        return  # rule 5: the answers' shares of the whole network only
    page.heatmap = _heatmap(page.year, [answers for _, answers in rows])
    page.most_disagreed = sorted(  # the shares shown only: a hidden cell is not ranked
        ((row, row.cell("--")) for row in page.heatmap if row.cell("--").count),
        key=lambda pair: -pair[1].count,
    )[:MOST_DISAGREED]


def _heatmap(year: int, answer_sets: list[dict[str, str]]) -> list[HeatRow]:
    total = len(answer_sets)
    counts: Counter = Counter()
    for answers in answer_sets:
        counts.update(answers.items())  # (code, answer) pairs, counted in C
    rows = []
    questions = (Question.objects.filter(version__campaigns__year=year)
                 .order_by("section__order", "order").values_list("code", "text",
                                                                   "section__code"))
    for code, text, section in questions:
        row = {answer: counts[code, answer] for answer in HEATMAP_ANSWERS}
        # The rule reads the answers the question allows: « na » is never one in section S,
        # as everybody knows, so its empty cell hides nothing.
        allowed = {answer: count for answer, count in row.items()
                   if answer in answer_values(section)}
        hidden = hidden_cells(allowed)
        rows.append(HeatRow(code, text, tuple(
            HeatCell(answer, None, None) if answer in hidden
            else HeatCell(answer, count, count / total if total else None)
            for answer, count in row.items()
        ), suppressed=bool(hidden) and hidden == set(allowed)))
    return rows


def counted_years(network: Network) -> list[int]:
    """The years with a counted snapshot in the network, oldest first."""
    return sorted(set(Snapshot.objects.filter(network=network, counted=True)
                      .values_list("year", flat=True).distinct()))


@dataclass(frozen=True)
class PeerNote:
    metric: str
    peers: Box  # the other clusters' distribution
    own: float | None
    quartile: int | None  # 1 (lowest quarter of the peers) to 4


@dataclass(frozen=True)
class PeerPosition:
    """Where a cluster stands among the other clusters of one of its networks, for a year: only
    when at least ten of them are in the network's figures, and never their names or their
    notes, only their quartiles."""

    network: Network
    peers: int
    notes: list[PeerNote]


PEER_METRICS = ("global", "F", "A", "B", "C", "D")


def peer_positions(cluster: Cluster, year: int, scores: Scores) -> list[PeerPosition]:
    """The cluster's position (its `scores` of `year`) in each of its networks: among the other
    clusters in the network's figures of that year (network/anonymity.py), when their
    distribution may be shown; two networks whose peers differ by one to four clusters show the
    larger only. Four queries whatever the number of networks (three on a warm cache)."""
    networks = {network.pk: network for network in Network.objects.filter(clusters=cluster)}
    peers: dict[int, dict[int, Member]] = {}
    for (network, _), shown in year_figures(list(networks), year).items():
        if WHOLE in shown:
            peers[network] = {member.cluster: member for member in shown[WHOLE].members()
                              if member.cluster != cluster.pk}
    kept: list[int] = []
    for network in sorted(peers, key=lambda pk: (-len(peers[pk]), pk)):
        if all(differ_enough(peers[network], peers[other]) for other in kept):
            kept.append(network)
    notes = dict(Snapshot.objects.filter(
        pk__in=[member.pk for network in kept for member in peers[network].values()]
    ).values_list("pk", "notes"))
    own = notes_of(scores_to_json("", scores))
    positions = []
    for network in kept:
        rows = []
        for metric in PEER_METRICS:
            distribution = box(notes[member.pk].get(metric)
                               for member in peers[network].values())
            if distribution is None:
                continue
            value = own.get(metric)
            rows.append(PeerNote(metric, distribution, value,
                                 None if value is None else distribution.quartile_of(value)))
        if rows:
            positions.append(PeerPosition(networks[network], len(peers[network]), rows))
    return sorted(positions, key=lambda position: position.network.name)


def networks_with_size(user) -> list[Network]:
    """The networks `user` coordinates, each with its `cluster_count`: one query."""
    return list(user.coordinated_networks.annotate(cluster_count=Count("clusters")))
