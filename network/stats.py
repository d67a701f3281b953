"""Distributions of notes across clusters; pure. The box of a distribution runs from its 10th to
its 90th percentile: the lowest and highest notes are one cluster's each, and are never shown."""

import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from grid.scoring import ENJEUX, LEVELS, SECTIONS

# The notes a snapshot keeps, in the order the pages show them.
METRICS = ("global", "F", *ENJEUX, *(f"N{level}" for level in LEVELS), *SECTIONS)


@dataclass(frozen=True)
class Box:
    count: int
    p10: float
    q1: float
    median: float
    q3: float
    p90: float

    def quartile_of(self, value: float) -> int:
        """1 (lowest quarter) to 4 (highest) for a note placed in this distribution."""
        return 1 + sum(value > cut for cut in (self.q1, self.median, self.q3))


def box(values: Iterable[float | None]) -> Box | None:
    """The distribution of the notes that exist; None for fewer than two."""
    notes = sorted(value for value in values if value is not None)
    if len(notes) < 2:
        return None
    cuts = statistics.quantiles(notes, n=20, method="inclusive")  # every 5 %
    return Box(len(notes), cuts[1], cuts[4], cuts[9], cuts[14], cuts[17])
