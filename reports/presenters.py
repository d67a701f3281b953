"""What the cluster-year pages show of notes besides their summary (reports.summary): radar
series, the formula worked out, the titles of the actions planned from a page."""

from collections.abc import Mapping, Sequence
from fractions import Fraction

from django.utils.translation import gettext as _

from grid.maturity import Scale, level_of
from grid.presenters import axis_title, decimal, percent
from grid.scoring import ENJEUX, SECTIONS, STRATEGY, Scores, section_tallies
from initiatives.labels import level_title

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


def radar_series(scores: Scores, scale: Scale = (), names: Mapping[str, str] | None = None) -> dict:
    """The global radar and the two level radars: per axis its code (`labels`), the value
    (0–100), the note as printed (`texts`, beside each point), the maturity level's name
    (`names`, never its letter, which would read as an enjeu's) and both (`cells`, a point's
    hover text). With the enjeux' short `names`: the axis titles for Plotly (`axes`) and the
    table under the chart (`rows`); a simulation leaves them out and keeps the page's."""
    def series(keys, source):
        # An undefined note (all `na`) is drawn at 0 but labelled « — », never « 0 % ».
        texts = [percent(source[k]) for k in keys]
        bands = [level_of(source[k], scale) for k in keys]
        found = {
            "labels": list(keys),
            "values": [round(float(source[k]) * 100, 1) if source[k] is not None else 0
                       for k in keys],
            "texts": texts,
            "cells": [f"{text} · {band.label}" if band else text
                      for text, band in zip(texts, bands, strict=True)],
            "names": [band.label if band else "" for band in bands],
        }
        if names is not None:
            found["axes"] = [axis_title(k, names.get(k[-1])) for k in keys]
            found["rows"] = [
                {"title": f"{k} · {names[k[-1]]}" if names.get(k[-1]) else k, "text": text,
                 "level": band.label if band else "—"}
                for k, text, band in zip(keys, texts, bands, strict=True)
            ]
        return found

    return {
        "global": series(ENJEUX, scores.axes),
        "level1": series([f"1{e}" for e in ENJEUX], scores.sections),
        "level2": series([f"2{e}" for e in ENJEUX], scores.sections),
    }


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


def radars(years: Sequence[int], scores: Sequence[Scores],
           scales: Sequence[Scale] | None = None,
           names: Mapping[str, str] | None = None) -> list[dict]:
    """The three radars of the year-over-year page, with one trace per year, styled newest
    first; `axes` the axis titles with the enjeux' short names."""
    styles = year_styles(years)
    scales = scales if scales is not None else [()] * len(scores)
    series = [radar_series(s, scale, names or {}) for s, scale in zip(scores, scales, strict=True)]
    titles = radar_titles()
    return [
        {
            "key": key,
            "title": title,
            "labels": series[0][key]["labels"] if series else [],
            "axes": series[0][key]["axes"] if series else [],
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
