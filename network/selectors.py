"""Reads of the network level: a network's figures for a year, for its coordinators only, and a
cluster's position among its peers. Nothing here returns a cluster's name, answers or notes:
only counts, shares and distributions the disclosure-control method lets through
(network/anonymity.py)."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.shortcuts import get_object_or_404

from clusters.models import Cluster, Network
from grid.models import Question
from grid.scoring import ANSWERS, NOT_APPLICABLE, STRATEGY, Scores, scores_to_json

from .anonymity import WHOLE, GroupKey, differ_enough, hidden_cells, published, shown_groups
from .models import Snapshot
from .services import notes_of
from .stats import METRICS, Box, box, median

HEATMAP_ANSWERS = (*ANSWERS, NOT_APPLICABLE)
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

    @property
    def whole(self) -> bool:
        return not self.filters


_RECORD_FIELDS = ("pk", "cluster_id", "year", "digest", "counted", "region", "kind", "size",
                  "sectors", "global_note")


def _records(snapshots) -> dict[int, list[Record]]:
    """Snapshots by year, in the order they were taken."""
    by_year: dict[int, list[Record]] = defaultdict(list)
    for pk, cluster, year, digest, counted, region, kind, size, sectors, note in (
        snapshots.order_by("taken_at", "pk").values_list(*_RECORD_FIELDS)
    ):
        by_year[year].append(Record(pk, cluster, year, digest, counted, region, kind, size,
                                    tuple(sectors), note))
    return by_year


def _year_groups(records: list[Record]):
    """A year's groups as published (rule 2) and which of them may be shown (rules 3, 4)."""
    groups = published(records, groups_of)
    return groups, shown_groups({key: group.members for key, group in groups.items()})


def network_year(network: Network, year: int | None, filters: dict[str, str]) -> NetworkYear:
    """The figures of `year` (the latest when None) for the group the filters name. Four
    queries (five with the answers of the whole network) whatever the number of clusters."""
    by_year = _records(Snapshot.objects.filter(network=network))
    years = sorted(year for year, records in by_year.items()
                   if any(record.counted for record in records))
    page = NetworkYear(network, year or (years[-1] if years else None), filters, years,
                       network.clusters.count())
    key = group_key(filters)
    for row_year in years:
        groups, shown = _year_groups(by_year[row_year])
        members = groups[key].members if key in shown else None
        page.trend.append(TrendPoint(
            row_year, len(members) if members is not None else None,
            median(record.global_note for record in members.values()) if members else None))
        if row_year == page.year and members is not None:
            page.shown, page.size = True, len(members)
            page.waiting = len(groups[key].waiting)
            _describe(page, [record.pk for record in members.values()])
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
        hidden = hidden_cells({answer: count for answer, count in row.items()
                               if section != STRATEGY or answer != NOT_APPLICABLE})
        rows.append(HeatRow(code, text, tuple(
            HeatCell(answer, None, None) if answer in hidden
            else HeatCell(answer, count, count / total if total else None)
            for answer, count in row.items()
        )))
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
    larger only. Three queries whatever the number of networks."""
    networks = {network.pk: network for network in Network.objects.filter(clusters=cluster)}
    by_network: dict[int, list[Record]] = defaultdict(list)
    for network, record in _network_records(networks, year):
        by_network[network].append(record)
    peers: dict[int, dict] = {}
    for network, records in by_network.items():
        groups, shown = _year_groups(records)
        if WHOLE in shown:
            peers[network] = {c: r for c, r in groups[WHOLE].members.items() if c != cluster.pk}
    kept: list[int] = []
    for network in sorted(peers, key=lambda pk: (-len(peers[pk]), pk)):
        if all(differ_enough(peers[network], peers[other]) for other in kept):
            kept.append(network)
    notes = dict(Snapshot.objects.filter(
        pk__in=[record.pk for network in kept for record in peers[network].values()]
    ).values_list("pk", "notes"))
    own = notes_of(scores_to_json("", scores))
    positions = []
    for network in kept:
        rows = []
        for metric in PEER_METRICS:
            distribution = box(notes[record.pk].get(metric)
                               for record in peers[network].values())
            if distribution is None:
                continue
            value = own.get(metric)
            rows.append(PeerNote(metric, distribution, value,
                                 None if value is None else distribution.quartile_of(value)))
        if rows:
            positions.append(PeerPosition(networks[network], len(peers[network]), rows))
    return sorted(positions, key=lambda position: position.network.name)


def _network_records(networks: dict[int, Network], year: int):
    for network, *values in (
        Snapshot.objects.filter(network__in=networks, year=year)
        .order_by("taken_at", "pk").values_list("network_id", *_RECORD_FIELDS)
    ):
        yield network, Record(*values[:8], tuple(values[8]), values[9])
