"""Notes as pages print them: percentages, decimals, the trend line of the cluster page."""

import datetime
from dataclasses import dataclass
from fractions import Fraction

from django.utils import formats
from django.utils.html import escape
from django.utils.translation import gettext as _

from .scoring import ENJEUX, Scores


def decimal(text: str) -> str:
    """A number written with a dot, with the decimal mark of the page's language (62,5 / 62.5)."""
    return text.replace(".", formats.get_format("DECIMAL_SEPARATOR"))


@dataclass(frozen=True)
class TextOrigin:
    """Whose wording and barème a question has: the guide's, or this application's, written
    from the Principe of an anchor sheet and perhaps reviewed since by a content admin. One
    wording for every page, the PDF and the exports (DESIGN §3)."""

    reconstructed: bool
    anchor: str = ""  # the anchor sheet's number; empty when the guide has no sheet for it
    reviewed_on: datetime.date | None = None

    @classmethod
    def of(cls, question) -> "TextOrigin":
        """The origin of a `grid.models.Question` (its anchor sheet read, or selected with it)."""
        reconstructed = question.origin == "reconstructed"
        return cls(
            reconstructed=reconstructed,
            anchor=question.anchor_sheet.number if question.anchor_sheet_id else "",
            reviewed_on=question.reviewed_on if reconstructed else None,
        )

    @property
    def marker(self) -> str:
        """« reconstituée d'après la fiche 12 · revue le 3 décembre 2026 »; empty for the
        guide's own texts, which need no mark."""
        if not self.reconstructed:
            return ""
        if self.anchor:
            text = _("reconstituée d'après la fiche %(number)s") % {"number": self.anchor}
        else:
            text = _("reconstituée (sans fiche dans le guide)")
        if self.reviewed_on:
            text += " · " + _("revue le %(date)s") % {
                "date": formats.date_format(self.reviewed_on, "DATE_FORMAT")
            }
        return text

    @property
    def label(self) -> str:
        """The « origine » column of the exports: says the guide's texts too."""
        return self.marker or _("texte du guide")


def origin_legend() -> str:
    """What the marker means, printed once beside the questions it marks."""
    return _(
        "« Reconstituée d'après la fiche N » : affirmation et barème écrits pour cette "
        "application à partir du principe de la fiche N (ou du texte du guide sur le levier, "
        "quand il n'a pas de fiche), car la grille imprimée du guide ne donne que 11 "
        "affirmations et leurs barèmes ; « revue le … » : relus depuis par un administrateur "
        "des contenus. Les affirmations sans marque sont le texte du guide."
    )


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


def wrapped(text: str, width: int = 13) -> list[str]:
    """`text` cut into lines of about `width` characters, at spaces (a longer word stays whole):
    the enjeu names under the radars' axis codes, on the web (Plotly) and in the PDF."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def axis_title(code: str, name: str | None) -> str:
    """A radar axis as Plotly writes it: the code over the enjeu's short name, wrapped so that
    the side axes leave room for the chart at 390 px (« D<br>R&amp;D et<br>innovation »).
    Escaped: Plotly reads its text as HTML."""
    return "<br>".join(escape(line) for line in [code, *wrapped(name or "")])
