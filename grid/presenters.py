"""Notes as pages print them: percentages, decimals, the trend line of the cluster page."""

from fractions import Fraction

from django.utils import formats
from django.utils.translation import gettext as _

from .scoring import ENJEUX, Scores


def decimal(text: str) -> str:
    """A number written with a dot, with the decimal mark of the page's language (62,5 / 62.5)."""
    return text.replace(".", formats.get_format("DECIMAL_SEPARATOR"))


def csv_delimiter() -> str:
    """Spreadsheets split a CSV file on `;` where the comma is the decimal mark (French), on `,`
    elsewhere (English)."""
    return ";" if formats.get_format("DECIMAL_SEPARATOR") == "," else ","


def percent_pattern() -> str:
    # Translators: a percentage; French puts a no-break space before the sign, English none.
    # (The space is a literal U+00A0: xgettext would keep a \u00a0 escape as it is.)
    return _("%(number)s %%")


def label_value(label: str, value: str) -> str:
    """« Niveau de maturité : C » in French, “Maturity level: C” in English."""
    return _("%(label)s : %(value)s") % {"label": label, "value": value}


def percent(value: Fraction | float | None) -> str:
    """One decimal in the page's language, 62,5 % or 62.5%; an em dash where the note is
    undefined."""
    if value is None:
        return "—"
    return percent_pattern() % {"number": decimal(f"{float(value) * 100:.1f}")}


def decimal_2(value: Fraction | None) -> str:
    """Two decimals (2,67 / 2.67); empty where there is no value."""
    return "" if value is None else decimal(f"{float(value):.2f}")


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


def bar_width(value: Fraction | None) -> str:
    """A note as the width of an SVG bar 100 wide (always a dot: SVG is no language)."""
    return f"{float(value or 0) * 100:.1f}"


def live_notes(scores: Scores, enjeu_names: dict[str, str]) -> dict:
    """The notes the grid page keeps in view while the grid is filled; its script updates them
    from the `scores` of each autosave (the same notes, as `grid_score` writes them)."""
    return {
        "global": percent(scores.global_note),
        "factor": percent(scores.strategy_factor),
        "factor_width": bar_width(scores.strategy_factor),
        "completion": percent(scores.completion),
        "provisional": scores.provisional,
        "axes": [
            {"code": code, "name": enjeu_names.get(code, code),
             "note": percent(scores.axes[code]), "width": bar_width(scores.axes[code])}
            for code in ENJEUX
        ],
    }
