"""Comparing years filled on different grid versions (pure: plain data in and out).

A new version may add, drop or rename questions; years compare on the questions every version
involved shares, each on its own barèmes and weights. The year-over-year page and the PDF report
both compare through this module.
"""

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from .scoring import AnswerValue, CustomRow, GridSpec, Scores, score


def restrict(spec: GridSpec, codes: Collection[str]) -> GridSpec:
    """The grid reduced to the questions whose code is in `codes` (order, barèmes kept)."""
    return replace(spec, questions=tuple(q for q in spec.questions if q.code in codes))


def shared_codes(specs: Iterable[GridSpec]) -> frozenset[str]:
    """The question codes every one of `specs` has."""
    code_sets = [frozenset(q.code for q in spec.questions) for spec in specs]
    return frozenset.intersection(*code_sets) if code_sets else frozenset()


def left_out_codes(specs: Sequence[GridSpec], shared: Collection[str]) -> list[str]:
    """Codes some version has and another lacks, in the order of the grids."""
    seen: dict[str, None] = {}
    for spec in specs:
        seen.update((q.code, None) for q in spec.questions if q.code not in shared)
    return list(seen)


@dataclass(frozen=True)
class VersionGap:
    """Years filled on different grid versions, compared on the questions they share."""

    versions: list[tuple[str, list[int]]]  # version code, its years, oldest version first
    shared: frozenset[str]
    left_out: list[str]


def version_gap(years: Mapping[int, GridSpec]) -> VersionGap | None:
    """How the versions of these years (year → its grid) differ; None when they are one."""
    versions: dict[str, tuple[GridSpec, list[int]]] = {}
    for year in sorted(years):
        versions.setdefault(years[year].code, (years[year], []))[1].append(year)
    if len(versions) < 2:
        return None
    specs = [spec for spec, _ in versions.values()]
    shared = shared_codes(specs)
    return VersionGap(
        [(code, found) for code, (_, found) in versions.items()], shared,
        left_out_codes(specs, shared),
    )


def scores_on_shared(
    spec: GridSpec, answers: Mapping[str, AnswerValue], custom: Sequence[CustomRow],
    shared: Collection[str], own: Scores,
) -> Scores:
    """A year's notes on the shared questions only, with its own barèmes and weights.

    Completion and the provisional mark stay those of the year's own grid (`own`): they tell
    whether that grid was finished, not how much of the shared part was."""
    on_shared = score(restrict(spec, shared), answers, custom)
    return replace(on_shared, completion=own.completion, provisional=own.provisional)
