"""Turns scores into what pages show: percentages, radar series, a trend line, the formula."""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

from .scoring import ENJEUX, SECTIONS, STRATEGY, Scores, section_tallies


def percent(value: Fraction | float | None) -> str:
    """French display, one decimal: 62,5 %; an em dash where the note is undefined."""
    if value is None:
        return "—"
    return f"{float(value) * 100:.1f}".replace(".", ",") + "\u00a0%"


def french_decimal(value: Fraction | None) -> str:
    """Two decimals with a decimal comma (2,67); empty where there is no value."""
    return "" if value is None else f"{float(value):.2f}".replace(".", ",")


def as_float(value) -> float | None:
    return None if value is None else float(value)


def radar_series(scores: Scores) -> dict:
    """Axis labels and values (0–100) for the global radar and the two level radars."""
    def series(keys, source):
        # An undefined note (all `na`) is drawn at 0 but labelled « — », never « 0 % ».
        return {
            "labels": list(keys),
            "values": [round(float(source[k]) * 100, 1) if source[k] is not None else 0
                       for k in keys],
            "texts": [percent(source[k]) for k in keys],
        }

    return {
        "global": series(ENJEUX, scores.axes),
        "level1": series([f"1{e}" for e in ENJEUX], scores.sections),
        "level2": series([f"2{e}" for e in ENJEUX], scores.sections),
    }


def section_rows(scores: Scores) -> list[tuple[str, str]]:
    return [(code, percent(scores.sections[code])) for code in SECTIONS]


def sparkline(points: list[tuple[int, float | None]], width: int = 160, height: int = 40) -> dict:
    """An SVG polyline of the global note over the years (drawn on the server, prints well)."""
    known = [(year, value) for year, value in points if value is not None]
    if len(known) < 2:
        return {"points": "", "width": width, "height": height, "dots": []}
    years = [year for year, _ in known]
    span = max(years) - min(years) or 1
    # Scale to the notes' own range (padded) so that a few points of progress show.
    low = max(0.0, min(v for _, v in known) - 0.05)
    high = min(1.0, max(v for _, v in known) + 0.05)
    spread = (high - low) or 1
    dots = [
        (round(4 + (year - min(years)) / span * (width - 8), 1),
         round(height - 4 - (value - low) / spread * (height - 8), 1), year, value)
        for year, value in known
    ]
    return {
        "points": " ".join(f"{x},{y}" for x, y, _, _ in dots),
        "width": width,
        "height": height,
        "dots": dots,
    }


def formula(spec, answers, custom, scores: Scores) -> dict:
    """The global note worked out with the cluster's own numbers (« how is it computed »)."""
    # The same tallies as the scoring, so the panel cannot drift from the notes it explains.
    tallies = section_tallies(spec, answers, custom)
    strategy_points, strategy_total = tallies[STRATEGY]
    points = sum((tallies[section][0] for section in SECTIONS), Fraction(0))
    total = sum(tallies[section][1] for section in SECTIONS)
    factor = scores.strategy_factor
    multiplier = None if factor is None else Fraction(1, 4) + Fraction(3, 4) * factor
    return {
        "strategy_points": _number(strategy_points),
        "strategy_total": strategy_total,
        "factor": percent(factor),
        "factor_decimal": _number(factor),
        "multiplier": _number(multiplier),
        "points": _number(points),
        "total": total,
        "ratio": percent(points / total) if total else "—",
        "global": percent(scores.global_note),
    }


def _number(value) -> str:
    if value is None:
        return "—"
    return f"{float(value):.3f}".rstrip("0").rstrip(".").replace(".", ",")


@dataclass(frozen=True)
class Delta:
    """The change of a displayed note, in percentage points (exact on the rounded notes)."""

    points: Decimal

    @property
    def direction(self) -> str:
        """For styling only: the arrow and the words carry the meaning."""
        return "up" if self.points > 0 else "down" if self.points < 0 else "same"

    @property
    def arrow(self) -> str:
        return "▲" if self.points > 0 else "▼" if self.points < 0 else "="

    @property
    def words(self) -> str:
        if self.points > 0:
            return _("en hausse")
        return _("en baisse") if self.points < 0 else _("stable")

    @property
    def text(self) -> str:
        sign = "+" if self.points > 0 else "\u2212" if self.points < 0 else ""
        number = f"{abs(self.points):.1f}".replace(".", ",")
        # French keeps the singular below 2: « 1,5 pt », « 2,0 pts ».
        unit = _("pt") if abs(self.points) < 2 else _("pts")
        return f"{sign}{number}\u00a0{unit}"


def delta(before: Fraction | float | None, after: Fraction | float | None) -> Delta | None:
    """`after` − `before` as the page shows them (so that readers can check the difference)."""
    if before is None or after is None:
        return None
    return Delta(_shown_points(after) - _shown_points(before))


def _shown_points(value: Fraction | float) -> Decimal:
    return Decimal(f"{float(value) * 100:.1f}")  # the very rounding of presenters.percent
