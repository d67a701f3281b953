"""The summary of an assessment, as the results page, the « Simuler » answer, the PDF and the
year-over-year page show it, built once: the notes as printed with their maturity levels, the F
gauge, the years compared on the questions their grid versions share, and the table of notes with
the deltas between years. Pure: scores in, texts out."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

from grid.maturity import Scale, change_text, label_of, level_of, with_level
from grid.presenters import decimal, percent
from grid.scoring import ENJEUX, LEVELS, SECTIONS, AnswerValue, CustomRow, GridSpec, Scores
from grid.versions import VersionGap, scores_on_shared, version_gap
from initiatives.labels import level_title


def factor_width(scores: Scores) -> str:
    """The F gauge's width in percent, preformatted: a template would print a French decimal
    comma, which neither SVG nor CSS reads."""
    return f"{float(scores.strategy_factor or 0) * 100:.1f}"


def maturity_text(note: Fraction | None, scale: Scale) -> str:
    """« Niveau de maturité : Intermédiaire », under the global note; empty without one."""
    label = label_of(note, scale)
    return _("Niveau de maturité : %(level)s") % {"level": label} if label else ""


def levels_text(scores: Scores, scale: Scale = ()) -> str:
    """« Niveau 1 : 62,5 % · Confirmé — Niveau 2 : 40,0 % · Intermédiaire », under the global
    note (without levels: « Niveau 1 : 62,5 % · Niveau 2 : 40,0 % »)."""
    separator = " — " if scale else " · "
    return separator.join(
        _("Niveau %(level)s : %(note)s") % {
            "level": level,
            "note": with_level(percent(scores.levels[level]), scores.levels[level], scale),
        }
        for level in LEVELS
    )


def note_texts(scores: Scores, scale: Scale = ()) -> dict[str, str]:
    """Every note of the summary as printed, keyed as the results page's `data-note`, so that a
    simulation can put new notes in their place; the PDF prints the same texts."""
    return {
        "global": percent(scores.global_note),
        "global-maturity": maturity_text(scores.global_note, scale),
        "factor": percent(scores.strategy_factor),
        "completion": percent(scores.completion),
        "levels": levels_text(scores, scale),
        **{f"axis-{enjeu}": with_level(percent(scores.axes[enjeu]), scores.axes[enjeu], scale)
           for enjeu in ENJEUX},
        **{f"section-{code}": percent(scores.sections[code]) for code in SECTIONS},
    }


# --- the years compared ---


@dataclass(frozen=True)
class YearNotes:
    """A year's notes as stored on its own grid, and how to read its answers should it be
    compared with a year on another version (read only then)."""

    year: int
    version_id: int
    scores: Scores
    inputs: Callable[[], tuple[GridSpec, Mapping[str, AnswerValue], Sequence[CustomRow]]]


@dataclass(frozen=True)
class Compared:
    scores: list[Scores]  # one per year, in the order given
    gap: VersionGap | None  # set when the years are on different grid versions


def compared_notes(years: Sequence[YearNotes]) -> Compared:
    """The years' notes as they compare: on one version, as stored; across versions, each on the
    questions every version shares, with its own barèmes and weights."""
    if len({year.version_id for year in years}) < 2:
        return Compared([year.scores for year in years], None)
    inputs = [year.inputs() for year in years]
    gap = version_gap({year.year: spec for year, (spec, _a, _c) in zip(years, inputs, strict=True)})
    if gap is None:  # two version rows with one code: nothing to restrict
        return Compared([year.scores for year in years], None)
    return Compared([scores_on_shared(spec, answers, custom, gap.shared, year.scores)
                     for year, (spec, answers, custom) in zip(years, inputs, strict=True)], gap)


# --- the table of notes ---


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
        number = decimal(f"{abs(self.points):.1f}")
        # Percentage points. French keeps the singular below 2: « 1,5 pt », « 2,0 pts »; English
        # writes « pp » whatever the number.
        unit = _("pt") if abs(self.points) < 2 else _("pts")
        return f"{sign}{number}\u00a0{unit}"


def delta(before: Fraction | float | None, after: Fraction | float | None) -> Delta | None:
    """`after` − `before` as the page shows them (so that readers can check the difference)."""
    if before is None or after is None:
        return None
    return Delta(_shown_points(after) - _shown_points(before))


def _shown_points(value: Fraction | float) -> Decimal:
    return Decimal(f"{float(value) * 100:.1f}")  # the very rounding of presenters.percent


@dataclass(frozen=True)
class Cell:
    text: str
    delta: Delta | None = None
    is_delta: bool = False
    maturity: str = ""  # a year's maturity level, « Intermédiaire »
    change: str = ""  # on a delta: « Intermédiaire → Confirmé » when the level changed


@dataclass(frozen=True)
class NoteRow:
    label: str
    kind: str  # global, factor, completion, axis, level, section: for styling and picking
    cells: tuple[Cell, ...]  # year, delta, year, delta, …, year (oldest first)

    @property
    def current(self) -> Cell:
        """The newest year's cell."""
        return self.cells[-1]

    @property
    def previous(self) -> Cell | None:
        """The cell of the year before the newest, when there is one."""
        return self.cells[-3] if len(self.cells) > 1 else None

    @property
    def latest_delta(self) -> Delta | None:
        """From the year before the newest to the newest."""
        return self.cells[-2].delta if len(self.cells) > 1 else None


def note_rows(
    scores: Sequence[Scores], enjeu_names: Mapping[str, str],
    scales: Sequence[Scale] | None = None,
) -> list[tuple[str, list[NoteRow]]]:
    """Every note of every year (oldest first), grouped, with the consecutive deltas; the global
    note, the axes and the levels with each year's maturity level (on that year's grid version:
    `scales`, one per year) and the change of level from one year to the next."""
    scales = scales if scales is not None else [()] * len(scores)
    # A year with no answer has nothing to read: no note, no level, no delta (not 0 %).
    unanswered = [s.unanswered for s in scores]

    def row(label: str, kind: str, values: list[Fraction | None]) -> NoteRow:
        graded = kind in ("global", "axis", "level")
        if kind != "completion":
            values = [None if empty else value
                      for value, empty in zip(values, unanswered, strict=True)]
        cells: list[Cell] = []
        bands = [level_of(value, scale) if graded else None
                 for value, scale in zip(values, scales, strict=True)]
        for index, value in enumerate(values):
            if index:
                cells.append(Cell("", delta(values[index - 1], value), is_delta=True,
                                  change=change_text(bands[index - 1], bands[index])))
            cells.append(Cell(percent(value), maturity=bands[index].label if bands[index] else ""))
        return NoteRow(label, kind, tuple(cells))

    return [
        (_("Synthèse"), [
            row(_("Note globale"), "global", [s.global_note for s in scores]),
            row(_("Facteur de stratégie F"), "factor", [s.strategy_factor for s in scores]),
            row(_("Complétude"), "completion", [s.completion for s in scores]),
        ]),
        (_("Enjeux (radar A–D)"), [
            row(f"{e} · {enjeu_names.get(e, '')}", "axis", [s.axes[e] for s in scores])
            for e in ENJEUX
        ]),
        (_("Niveaux"), [
            row(level_title(k), "level", [s.levels[k] for s in scores]) for k in LEVELS
        ]),
        (_("Sections"), [
            row(_("Section %(code)s") % {"code": code}, "section",
                [s.sections[code] for s in scores])
            for code in SECTIONS
        ]),
    ]
