"""Whether an objective is on track (issue 24, « Progress against objectives »): pure, on plain
numbers and years, exact on Fractions.

The trajectory is a straight line from the starting value, in the starting year, to the target
in the objective's year; after that year it stays at the target. Values are compared as they are
shown (`shown`), so that the words never contradict the numbers beside them:
« en retard (attendu 41,0 %, obtenu 41,0 %) » cannot happen.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

Number = Fraction | Decimal | int


class Status(StrEnum):
    REACHED = "reached"
    ON_TRACK = "on-track"
    BEHIND = "behind"
    NO_VALUE = "no-value"  # nothing measured this year
    NO_START = "no-start"  # no starting value: no line to compare with


@dataclass(frozen=True)
class Progress:
    status: Status
    expected: Fraction | None  # the line's value this year, as shown
    value: Fraction | None  # this year's value, as shown


def shown_percent(value: Number) -> Fraction:
    """A note in percent as grid.presenters.percent prints it, to one decimal."""
    return Fraction(Decimal(f"{float(Fraction(value) / 100) * 100:.1f}"))


def shown_hundredths(value: Number) -> Fraction:
    """An indicator as it is stored and printed, to two decimals."""
    return Fraction(Decimal(f"{float(value):.2f}"))


def expected_value(*, start: Number, start_year: int, target: Number, target_year: int,
                   year: int) -> Fraction:
    """The line's value in `year`: the start until the starting year, the target from its year."""
    start, target = Fraction(start), Fraction(target)
    if year >= target_year:
        return target
    if year <= start_year:
        return start
    return start + (target - start) * Fraction(year - start_year, target_year - start_year)


def progress(*, start: Number | None, start_year: int, target: Number, target_year: int,
             year: int, value: Number | None, rising: bool = True,
             shown: Callable[[Number], Fraction] = shown_percent) -> Progress:
    """Where `value` in `year` stands against the line. `rising`: the objective is to reach at
    least the target (a note, or an indicator whose target is above its baseline); else at most
    (an indicator to bring down)."""
    def at_least(a: Fraction, b: Fraction) -> bool:
        return a >= b if rising else a <= b

    expected = None if start is None else shown(expected_value(
        start=start, start_year=start_year, target=target, target_year=target_year, year=year,
    ))
    target = shown(target)
    if value is None:
        return Progress(Status.NO_VALUE, expected, None)
    value = shown(value)
    if at_least(value, target):
        return Progress(Status.REACHED, expected, value)
    if expected is None:
        return Progress(Status.NO_START, None, value)
    return Progress(Status.ON_TRACK if at_least(value, expected) else Status.BEHIND, expected,
                    value)
