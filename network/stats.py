"""Distributions of notes across clusters; pure. A box runs from the 10th to the 90th percentile:
the lowest and highest notes are one cluster's each, and are never shown. A distribution needs
MIN_DISTRIBUTION notes and gives its values to the whole point (network/anonymity.py, rule 3)."""

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from grid.scoring import ENJEUX, LEVELS, SECTIONS

from .anonymity import MIN_DISTRIBUTION

# The notes a snapshot keeps, in the order the pages show them.
METRICS = ("global", "F", *ENJEUX, *(f"N{level}" for level in LEVELS), *SECTIONS)


def whole_point(note: float) -> float:
    """A note (0 to 1) rounded to the whole percentage point, halves up."""
    return math.floor(note * 100 + 0.5) / 100


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
    """The distribution of the notes that exist; None for fewer than MIN_DISTRIBUTION."""
    notes = sorted(value for value in values if value is not None)
    if len(notes) < MIN_DISTRIBUTION:
        return None
    cuts = statistics.quantiles(notes, n=20, method="inclusive")  # every 5 %
    return Box(len(notes), *(whole_point(cuts[i]) for i in (1, 4, 9, 14, 17)))


def median(values: Iterable[float | None]) -> float | None:
    """The median of the notes that exist, to the whole point; None for fewer than
    MIN_DISTRIBUTION."""
    notes = [value for value in values if value is not None]
    return whole_point(statistics.median(notes)) if len(notes) >= MIN_DISTRIBUTION else None
