"""What the cluster-year pages and the PDF show of notes: radar series, the formula worked out,
deltas between years, the table of notes year by year."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.template.defaultfilters import floatformat
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from grid.maturity import Scale, change_text, label_of, level_of, with_level
from grid.presenters import decimal, percent
from grid.scoring import ENJEUX, LEVELS, SECTIONS, STRATEGY, Scores, section_tallies
from initiatives.labels import level_title
from initiatives.languages import in_french

# Newest year first: each year differs by colour, line dash AND marker (colour is never the only
# signal). Colours keep a 3:1 contrast with white, as WCAG asks of graphics.
TRACE_STYLES = (
    {"colour": "#163d6b", "dash": "solid", "symbol": "circle"},
    {"colour": "#c0461b", "dash": "dash", "symbol": "square"},
    {"colour": "#00795c", "dash": "dot", "symbol": "diamond"},
    {"colour": "#8e3b78", "dash": "dashdot", "symbol": "triangle-up"},
    {"colour": "#595959", "dash": "longdash", "symbol": "x"},
)
# The same dashes as SVG stroke-dasharray, for the keys drawn in the tables.
DASH_ARRAYS = {
    "solid": "none", "dash": "6 3", "dot": "2 3", "dashdot": "6 3 2 3", "longdash": "10 4",
}



def radar_titles() -> dict[str, str]:
    return {"global": _("Radar des 4 enjeux"), "level1": level_title(1), "level2": level_title(2)}


def radar_series(scores: Scores, scale: Scale = ()) -> dict:
    """Axis labels and values (0–100) for the global radar and the two level radars; `texts`
    the notes as printed (beside each point), `cells` with the maturity level's letter (the
    table under the radar, and a point's hover text; a level's name is too wide for the small
    radars' tables: `names` goes in their cells' titles)."""
    def series(keys, source):
        # An undefined note (all `na`) is drawn at 0 but labelled « — », never « 0 % ».
        texts = [percent(source[k]) for k in keys]
        bands = [level_of(source[k], scale) for k in keys]
        return {
            "labels": list(keys),
            "values": [round(float(source[k]) * 100, 1) if source[k] is not None else 0
                       for k in keys],
            "texts": texts,
            "cells": [f"{text} · {band.letter}" if band else text
                      for text, band in zip(texts, bands, strict=True)],
            "names": [band.label if band else "" for band in bands],
        }

    return {
        "global": series(ENJEUX, scores.axes),
        "level1": series([f"1{e}" for e in ENJEUX], scores.sections),
        "level2": series([f"2{e}" for e in ENJEUX], scores.sections),
    }


def section_rows(scores: Scores) -> list[tuple[str, str]]:
    return [(code, percent(scores.sections[code])) for code in SECTIONS]


def factor_width(scores: Scores) -> str:
    """The F gauge's width, preformatted: a template would print a French decimal comma, which
    SVG does not read."""
    return f"{float(scores.strategy_factor or 0) * 100:.1f}"


def note_texts(scores: Scores, scale: Scale = ()) -> dict[str, str]:
    """Every note of the results page as it prints it, keyed as its elements' `data-note`, so
    that a simulation can put new notes in their place."""
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


def maturity_text(note: Fraction | None, scale: Scale) -> str:
    """« Niveau de maturité : C Intermédiaire », under the global note; empty without one."""
    label = label_of(note, scale)
    return _("Niveau de maturité : %(level)s") % {"level": label} if label else ""


def levels_text(scores: Scores, scale: Scale = ()) -> str:
    """« Niveau 1 : 62,5 % · B Confirmé — Niveau 2 : 40,0 % · C Intermédiaire », under the global
    note (without levels: « Niveau 1 : 62,5 % · Niveau 2 : 40,0 % »)."""
    separator = " — " if scale else " · "
    return separator.join(
        _("Niveau %(level)s : %(note)s") % {
            "level": level,
            "note": with_level(percent(scores.levels[level]), scores.levels[level], scale),
        }
        for level in LEVELS
    )


def shortened(text: str, limit: int = 90) -> str:
    """A question's text cut at a word, for titles and labels."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


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
    return decimal(f"{float(value):.3f}".rstrip("0").rstrip("."))


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
    maturity: str = ""  # a year's maturity level, « C Intermédiaire »
    change: str = ""  # on a delta: « C → B » when the level changed between the two years


@dataclass(frozen=True)
class NoteRow:
    label: str
    cells: tuple[Cell, ...]  # year, delta, year, delta, …, year (oldest first)


def note_rows(
    scores: Sequence[Scores], enjeu_names: Mapping[str, str],
    scales: Sequence[Scale] | None = None,
) -> list[tuple[str, list[NoteRow]]]:
    """Every note of every year, grouped as the page shows them, with the consecutive deltas;
    the global note, the axes and the levels with each year's maturity level (on that year's
    grid version: `scales`, one per year) and the change of level from one year to the next."""
    scales = scales if scales is not None else [()] * len(scores)

    def row(label: str, values: list[Fraction | None], graded: bool = False) -> NoteRow:
        cells: list[Cell] = []
        bands = [level_of(value, scale) if graded else None
                 for value, scale in zip(values, scales, strict=True)]
        for index, value in enumerate(values):
            if index:
                cells.append(Cell("", delta(values[index - 1], value), is_delta=True,
                                  change=change_text(bands[index - 1], bands[index])))
            cells.append(Cell(percent(value), maturity=bands[index].label if bands[index] else ""))
        return NoteRow(label, tuple(cells))

    return [
        (_("Synthèse"), [
            row(_("Note globale"), [s.global_note for s in scores], graded=True),
            row(_("Facteur de stratégie F"), [s.strategy_factor for s in scores]),
            row(_("Complétude"), [s.completion for s in scores]),
        ]),
        (_("Enjeux (radar A–D)"), [
            row(f"{e} · {enjeu_names.get(e, '')}", [s.axes[e] for s in scores], graded=True)
            for e in ENJEUX
        ]),
        (_("Niveaux"), [
            row(level_title(k), [s.levels[k] for s in scores], graded=True)
            for k in LEVELS
        ]),
        (_("Sections"), [
            row(_("Section %(code)s") % {"code": code}, [s.sections[code] for s in scores])
            for code in SECTIONS
        ]),
    ]


def radars(years: Sequence[int], scores: Sequence[Scores],
           scales: Sequence[Scale] | None = None) -> list[dict]:
    """The three radars of the results page, with one trace per year, styled newest first."""
    styles = year_styles(years)
    scales = scales if scales is not None else [()] * len(scores)
    series = [radar_series(s, scale) for s, scale in zip(scores, scales, strict=True)]
    titles = radar_titles()
    return [
        {
            "key": key,
            "title": title,
            "labels": series[0][key]["labels"] if series else [],
            "traces": [
                {"name": str(year), **styles[year], **one[key]}
                for year, one in zip(years, series, strict=True)
            ],
        }
        for key, title in titles.items()
    ]


def year_styles(years: Sequence[int]) -> dict[int, dict]:
    newest_first = sorted(years, reverse=True)
    return {
        year: {**style, "dasharray": DASH_ARRAYS[style["dash"]]}
        for year, style in zip(newest_first, TRACE_STYLES, strict=False)
    }




def change_title(code: str, before: str | None, after: str, text: str) -> str:
    """The title of an action planned from a simulated change."""
    return _("Passer %(code)s de « %(before)s » à « %(after)s » : %(text)s") % {
        "code": code, "before": before or "—", "after": after, "text": shortened(text),
    }


def progress_title(code: str, text: str) -> str:
    """The title proposed for an action planned from a recommendation."""
    return _("Progresser sur %(code)s : %(text)s") % {"code": code, "text": shortened(text)}


def recommendation_items(recommended: Sequence[tuple], *, can_plan: bool) -> SafeString:
    """The results page's recommendations as list items: (gap, question, its levers and sheets
    as rendered once, the address to plan an action on it, an experience that illustrates it or
    None). Built here rather than looped over in the template: the page's costliest part
    otherwise."""
    plan, plan_on = _("Planifier"), _("une action sur %(code)s")
    return format_html_join("", '<li class="mb-2"><strong>{}</strong> {}<br><span class="small">'
                                '{}{}</span>{}{}</li>', (
        (question.code, in_french(question.text),
         _("%(gap)s point(s) à gagner") % {"gap": floatformat(gap.gap, "-2")}, links,
         _example(example),
         format_html(' <a class="btn btn-outline-primary btn-sm py-0 ms-2 d-print-none" '
                     'href="{}">{}<span class="visually-hidden"> {}</span></a>',
                     plan_url, plan, plan_on % {"code": question.code}) if can_plan else "")
        for gap, question, links, plan_url, example in recommended
    ))


def _example(experience) -> SafeString:
    if experience is None:
        return SafeString("")
    return format_html('<br><span class="small example">{} <a href="{}">{}</a> ({})</span>',
                       _("Ils l'ont fait :"), experience.get_absolute_url(),
                       in_french(experience.title), in_french(experience.organisation))
