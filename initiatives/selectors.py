"""Reads of the guide's content for the public pages, each in a constant number of queries."""

import re
from dataclasses import dataclass
from itertools import groupby

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from .approach import added_sections
from .models import Concept, Enjeu, Lever, Path, PathStep, Reference, Section, Sheet
from .search import matches, query_words

AGENDA21 = "+"
CSS_NAME = re.compile(r"[A-Za-z0-9]+")
COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def matrix_sections() -> dict:
    """The matrix: the strategy cell, then per enjeu its two sections with levers and sheets."""
    sheets = Sheet.objects.order_by("order").only("number", "slug", "title", "section_id", "order")
    sections = list(
        Section.objects.select_related("enjeu", "level").prefetch_related(
            Prefetch("levers", queryset=Lever.objects.prefetch_related(Prefetch("sheets", sheets))),
            Prefetch("sheets", queryset=sheets),
        )
    )
    by_enjeu: dict[str, list[Section]] = {}
    for section in sections:
        if section.enjeu_id:
            by_enjeu.setdefault(section.enjeu.code, []).append(section)
    rows = [
        {"enjeu": cells[0].enjeu, "cells": sorted(cells, key=lambda s: s.level.number)}
        for _, cells in sorted(by_enjeu.items())
    ]
    strategy = next(section for section in sections if section.is_strategy)
    return {"strategy": strategy, "rows": rows}


def _sheet_text(sheet: Sheet) -> list[str]:
    levers = [name for lever in sheet.levers.all() for name in (lever.name, *lever.alias_list)]
    parts = [getattr(sheet, part) for part in Sheet.PARTS]
    return [sheet.number, sheet.title, sheet.title_variants, *parts, *levers]


def sheet_search(
    *, enjeu: str = "", level: int | None = None, lever: str = "", sector: str = "",
    maturity: str = "", query: str = "",
) -> list[Sheet]:
    """The sheets that pass the filters and contain every word of `query` (accents and case
    ignored)."""
    sheets = Sheet.objects.with_context()
    if enjeu:
        sheets = sheets.filter(section__enjeu__code=enjeu)
    if level:
        sheets = sheets.filter(section__level__number=level)
    if lever:
        sheets = sheets.filter(levers__slug=lever)
    if sector:
        sheets = sheets.filter(sector=sector)
    if maturity:
        sheets = sheets.filter(maturity=maturity)
    words = query_words(query)
    if not words:
        return list(sheets)
    return [sheet for sheet in sheets if matches(words, *_sheet_text(sheet))]


def sheet_filter_choices() -> dict:
    """Values offered by the filters of the sheet list."""
    sheets = Sheet.objects.all()
    return {
        "enjeux": list(Enjeu.objects.all()),
        "levers": list(Lever.objects.select_related("section")),
        "sectors": sorted(set(sheets.values_list("sector", flat=True))),
        "maturities": sorted(set(sheets.values_list("maturity", flat=True))),
    }


@dataclass
class PathPosition:
    """Where a sheet stands in a path, with the sheets one step before and after."""

    path: Path
    step: int | None
    option: int | None
    previous: list[Sheet]
    next: list[Sheet]


def _steps_by_number(steps: list[PathStep]) -> dict[int, list[PathStep]]:
    return {number: list(group) for number, group in groupby(steps, key=lambda s: s.step)}


def path_positions(sheet: Sheet) -> list[PathPosition]:
    """The sheet's place in each path it belongs to; « + » opens and closes every path."""
    agenda21 = sheet if sheet.number == AGENDA21 else Sheet.objects.get(number=AGENDA21)
    if sheet.number == AGENDA21:
        path_filter = {}
    else:
        path_filter = {"path__steps__sheet": sheet}
    steps = list(
        PathStep.objects.filter(**path_filter)
        .select_related("path", "sheet")
        .order_by("path__order", "step", "option")
        .distinct()
    )
    positions = []
    for path, path_steps in groupby(steps, key=lambda s: s.path):
        by_number = _steps_by_number(list(path_steps))
        last = max(by_number)
        if sheet.number == AGENDA21:
            positions.append(
                PathPosition(
                    path, None, None,
                    previous=[s.sheet for s in by_number[last]],
                    next=[s.sheet for s in by_number[1]],
                )
            )
            continue
        for number, group in by_number.items():
            for here in (s for s in group if s.sheet_id == sheet.pk):
                before = by_number.get(number - 1)
                after = by_number.get(number + 1)
                positions.append(
                    PathPosition(
                        path, number, here.option,
                        previous=[s.sheet for s in before] if before else [agenda21],
                        next=[s.sheet for s in after] if after else [agenda21],
                    )
                )
    return positions


def sheet_detail(slug: str) -> dict:
    sheet = get_object_or_404(Sheet.objects.with_context(), slug=slug)
    return {"sheet": sheet, "positions": path_positions(sheet)}


def path_list() -> list[Path]:
    return list(
        Path.objects.select_related("enjeu").prefetch_related(
            Prefetch("steps", queryset=PathStep.objects.select_related("sheet"))
        )
    )


def path_detail(slug: str) -> dict:
    path = get_object_or_404(Path.objects.select_related("enjeu"), slug=slug)
    steps = list(path.steps.select_related("sheet__section").order_by("step", "option"))
    return {
        "path": path,
        "agenda21": Sheet.objects.get(number=AGENDA21),
        "steps": [
            {"number": number, "options": options}
            for number, options in _steps_by_number(steps).items()
        ],
    }


def approach_page() -> dict:
    concepts: dict[str, list[Concept]] = {}
    for concept in Concept.objects.order_by("kind", "order"):
        concepts.setdefault(concept.kind, []).append(concept)
    return {
        "concepts": concepts,
        "references": list(Reference.objects.all()),
        "enjeux": list(Enjeu.objects.all()),
        "added_sections": added_sections(),  # e.g. the grid's maturity levels
    }


def home_page() -> dict:
    return {
        "enjeux": list(Enjeu.objects.all()),
        "paths": list(Path.objects.all()),
        "cycle": list(Concept.objects.filter(kind=Concept.Kind.CYCLE_LINK)),
        "sheet_count": Sheet.objects.count(),
    }


def colours() -> dict:
    """The colour of each enjeu and path, for the stylesheet that pages share (/couleurs.css).

    Rows loaded without validation (fixtures) are checked again: only a code and a hex colour
    ever reach the stylesheet."""

    def valid(pairs):
        return [(code, colour) for code, colour in pairs
                if CSS_NAME.fullmatch(code) and COLOUR.fullmatch(colour)]

    return {
        "enjeux": valid(Enjeu.objects.values_list("code", "colour")),
        "paths": valid(Path.objects.values_list("code", "colour")),
    }
