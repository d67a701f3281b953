"""The disclosure-control method of the network level (DESIGN §8), in one place; pure.

What a network's pages, exports and a cluster's peer position may say of a group of clusters (the
whole network, or one segment: one region, one sector, one type or one size band) for one year:

1. Who counts where. A year counts in a network, and in a segment, as its cluster was when the
   year was submitted: network.Snapshot records the cluster's profile with the year's notes, so a
   later change of profile moves no past figure.
2. Figures change by five (`published`). A group's figures change only once at least MIN_COUNT
   of its clusters have changed since they last changed (a year submitted, withdrawn, submitted
   again with other answers; a cluster joining or leaving the network). Until then they stay as
   they were: the page before and after one submission says nothing of it.
3. Thresholds. A group is counted (how many clusters) from MIN_COUNT clusters; a distribution of
   notes (quantiles, box plot, median and its trend, the peer position) needs MIN_DISTRIBUTION
   clusters with that note, and its values are rounded to the whole point (network.stats).
4. Differences (`shown_groups`). The groups of a year differ from one another by no cluster or by
   at least MIN_COUNT; for each criterion, the network's clusters that its shown segments leave
   out are none or at least MIN_COUNT (the smallest segments are hidden until they are): the
   network minus the parts describes no small group.
5. Answers (`hidden_cells`). The shares of each answer are given for the whole network only (a
   segment's, subtracted from the network's, would give the answers of the clusters outside it).
   In a question's row, once a cell counts 1 to 4 clusters, every cell under MIN_COUNT is hidden,
   zeros included; the whole row is hidden when that would hide one cell alone, or cells so near
   their top (4s, and one 3 at most) that the total would give them back. Then no hidden cell
   follows from the total, the cells shown and this rule (tests/network/test_anonymity.py tries
   every row).

Whatever is hidden reads « moins de 5 pôles : non affiché » (on the page's heatmap, « < 5 » or
« masqué » with a legend). Figures of different criteria
crossed together are not audited: no page crosses two criteria, the counts of clusters they
give are not notes, and quantiles do not add up.
"""

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

MIN_COUNT = 5
MIN_DISTRIBUTION = 10

WHOLE = ("", "")  # the group key of the whole network; a segment's is (criterion, value)
CRITERIA = ("region", "sector", "kind", "size")

GroupKey = tuple[str, str]


class Record(Protocol):
    """What `published` needs of one state of a cluster's year: who, what it says (`digest`: the
    same digest, the same figures), and whether it counts."""

    cluster: Hashable
    digest: str
    counted: bool


@dataclass
class Group:
    """A group's figures as shown (`members`: cluster → record) and the changes waiting."""

    members: dict = field(default_factory=dict)
    latest: dict = field(default_factory=dict)  # cluster → its latest record here, None: out
    waiting: set = field(default_factory=set)  # clusters whose latest record is not shown


def published(records: Iterable[Record], groups_of: Callable[[Record], set[GroupKey]]
              ) -> dict[GroupKey, Group]:
    """Rule 2 for every group at once: `records` of one year in the order they were taken,
    `groups_of` the groups a counted record belongs to."""
    groups: dict[GroupKey, Group] = defaultdict(Group)
    where: dict[Hashable, set[GroupKey]] = {}
    for record in records:
        cluster = record.cluster
        keys = groups_of(record) if record.counted else set()
        for key in keys | where.get(cluster, set()):
            group = groups[key]
            latest = record if key in keys else None
            group.latest[cluster] = latest
            shown = group.members.get(cluster)
            if _digest(shown) == _digest(latest):
                group.waiting.discard(cluster)
            else:
                group.waiting.add(cluster)
            if len(group.waiting) >= MIN_COUNT:
                for changed in group.waiting:
                    if group.latest[changed] is None:
                        del group.members[changed]
                    else:
                        group.members[changed] = group.latest[changed]
                group.waiting.clear()
        where[cluster] = keys
    return dict(groups)


def _digest(record: Record | None) -> str | None:
    return None if record is None else record.digest


def differ_enough(one: Mapping, other: Mapping) -> bool:
    """Two groups (cluster → record) differ by no cluster or by at least MIN_COUNT."""
    return _apart_enough(_said(one), _said(other))


def _said(group: Mapping) -> set:
    """A group as (cluster, digest) pairs: the same pairs, the same figures."""
    return {(cluster, _digest(record)) for cluster, record in group.items()}


def _apart_enough(one: set, other: set) -> bool:
    if abs(len(one) - len(other)) >= MIN_COUNT:
        return True  # at least that many clusters are in one group only
    apart = {cluster for cluster, _ in one ^ other}
    return not apart or len(apart) >= MIN_COUNT


def left_out(whole: Mapping, parts: Iterable[Mapping]) -> int:
    """How many clusters the whole minus the parts still describes (records counted with their
    sign: a cluster in two parts, or in a part with another record, is described too)."""
    terms: Counter = Counter()
    for cluster, record in whole.items():
        terms[cluster, _digest(record)] += 1
    for part in parts:
        for cluster, record in part.items():
            terms[cluster, _digest(record)] -= 1
    return len({cluster for (cluster, _), count in terms.items() if count})


def shown_groups(groups: Mapping[GroupKey, Mapping]) -> set[GroupKey]:
    """Rules 3 (counts) and 4 for a year: which of `groups` (key → cluster → record, the whole
    network under WHOLE) may be shown. The whole network first, then the larger groups."""
    shown: list[GroupKey] = []
    said: dict[GroupKey, set] = {}
    for key in sorted(groups, key=lambda key: (key != WHOLE, -len(groups[key]), key)):
        if len(groups[key]) < MIN_COUNT:
            continue
        said[key] = _said(groups[key])
        if all(_apart_enough(said[key], said[other]) for other in shown):
            shown.append(key)
    if WHOLE not in shown:
        return set()
    for criterion in CRITERIA:
        parts = [key for key in shown if key[0] == criterion]
        while parts and 0 < left_out(groups[WHOLE], [groups[key] for key in parts]) < MIN_COUNT:
            smallest = min(parts, key=lambda key: (len(groups[key]), key))
            parts.remove(smallest)
            shown.remove(smallest)
    return set(shown)


def hidden_cells(counts: Mapping[str, int]) -> set[str]:
    """Rule 5: the keys of a question's row (answer → clusters) that must not be shown. The row
    holds the answers the question allows only (no « na » in section S)."""
    if not any(0 < count < MIN_COUNT for count in counts.values()):
        return set()
    small = {key for key, count in counts.items() if count < MIN_COUNT}
    # Hidden alone, or so near their top (all 4s but one 3 at most), they would be read back.
    if len(small) == 1 or sum(counts[key] for key in small) >= (MIN_COUNT - 1) * len(small) - 1:
        return set(counts)
    return small
