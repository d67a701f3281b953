"""Year over year (DESIGN §6): the years to compare, their notes side by side, what changed.

`evolution_page` is the selector of the page; everything else is a pure function on plain data,
so that deltas, the restriction to shared questions and the changed answers can be checked by hand.
"""

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

from django.utils.translation import gettext as _

from clusters.models import Membership
from initiatives.models import Enjeu

from .models import Answer, Assessment, CustomAnswer, Transition
from .presenters import Delta, delta, percent, radar_series
from .scoring import (
    ENJEUX,
    LEVELS,
    NOT_APPLICABLE,
    SECTIONS,
    AnswerValue,
    CustomRow,
    GridSpec,
    Scores,
    score,
)
from .selectors import OverviewRow, cluster_overview
from .specs import grid_specs

MAX_YEARS = 5  # more overlaid radars stop being readable

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

BOARD_STEPS = (Assessment.Status.VALIDATED, Assessment.Status.RETURNED)


# --- Which years -------------------------------------------------------------------------------


@dataclass(frozen=True)
class YearChoice:
    shown: tuple[int, ...]  # oldest first
    before: int | None  # the two years whose answers are compared, before < after
    after: int | None
    errors: tuple[str, ...] = ()


def choose_years(
    available: Iterable[int], *, shown: Sequence[str] = (), before: str | None = None,
    after: str | None = None,
) -> YearChoice:
    """Read the query string's years; anything unknown falls back to the defaults, with a message.

    Defaults: the `MAX_YEARS` most recent years shown, the two most recent compared.
    """
    years = sorted(set(available))
    errors: list[str] = []
    picked, unknown = _parse_years(shown, years)
    if unknown:
        errors.append(
            _("Années inconnues pour ce pôle : %(values)s. Les années par défaut sont affichées.")
            % {"values": ", ".join(unknown)}
        )
        picked = []
    elif len(picked) > MAX_YEARS:
        errors.append(
            _("%(max)s années au plus : les %(max)s plus récentes cochées sont affichées.")
            % {"max": MAX_YEARS}
        )
    elif not picked and (before or after):  # the form was sent with every box unticked
        errors.append(_("Aucune année cochée : les années par défaut sont affichées."))
    pair = _compared_pair(years, before, after, errors)
    return YearChoice(
        shown=tuple(picked[-MAX_YEARS:] or years[-MAX_YEARS:]),
        before=pair[0] if pair else None,
        after=pair[1] if pair else None,
        errors=tuple(errors),
    )


def _compared_pair(
    years: Sequence[int], before: str | None, after: str | None, errors: list[str]
) -> tuple[int, int] | None:
    default = (years[-2], years[-1]) if len(years) > 1 else None
    if not (before or after):
        return default
    if default is None:
        errors.append(_("Il faut deux années pour comparer des réponses."))
        return None
    asked, unknown = _parse_years([before or str(default[0]), after or str(default[1])], years)
    if unknown or len(asked) < 2:
        errors.append(
            _("Comparaison impossible entre « %(before)s » et « %(after)s » : choisissez deux "
              "années différentes du pôle. Les deux dernières années sont comparées.")
            % {"before": before or "", "after": after or ""}
        )
        return default
    return asked[0], asked[1]  # sorted: answers always read from the older year to the newer


def _parse_years(values: Iterable[str], years: Collection[int]) -> tuple[list[int], list[str]]:
    """The distinct years of the cluster among `values`, sorted, and the values that are not."""
    known, unknown = set(), []
    for value in values:
        try:
            year = int(value)
        except (TypeError, ValueError):
            year = None
        if year in years:
            known.add(year)
        else:
            unknown.append(value)
    return sorted(known), unknown


# --- Notes and their deltas ----------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    text: str
    delta: Delta | None = None
    is_delta: bool = False


@dataclass(frozen=True)
class NoteRow:
    label: str
    cells: tuple[Cell, ...]  # year, delta, year, delta, …, year (oldest first)


def note_rows(
    scores: Sequence[Scores], enjeu_names: Mapping[str, str]
) -> list[tuple[str, list[NoteRow]]]:
    """Every note of every year, grouped as the page shows them, with the consecutive deltas."""

    def row(label: str, values: list[Fraction | None]) -> NoteRow:
        cells: list[Cell] = []
        for index, value in enumerate(values):
            if index:
                cells.append(Cell("", delta(values[index - 1], value), is_delta=True))
            cells.append(Cell(percent(value)))
        return NoteRow(label, tuple(cells))

    level_names = {1: _("Fonctionnement interne"), 2: _("Sphère d'influence")}
    return [
        (_("Synthèse"), [
            row(_("Note globale"), [s.global_note for s in scores]),
            row(_("Facteur de stratégie F"), [s.strategy_factor for s in scores]),
            row(_("Complétude"), [s.completion for s in scores]),
        ]),
        (_("Enjeux (radar A–D)"), [
            row(f"{e} · {enjeu_names.get(e, '')}", [s.axes[e] for s in scores])
            for e in ENJEUX
        ]),
        (_("Niveaux"), [
            row(_("Niveau %(level)s · %(name)s") % {"level": k, "name": level_names[k]},
                [s.levels[k] for s in scores])
            for k in LEVELS
        ]),
        (_("Sections"), [
            row(_("Section %(code)s") % {"code": code}, [s.sections[code] for s in scores])
            for code in SECTIONS
        ]),
    ]


def radars(years: Sequence[int], scores: Sequence[Scores]) -> list[dict]:
    """The three radars of the results page, with one trace per year, styled newest first."""
    styles = year_styles(years)
    series = [radar_series(s) for s in scores]
    titles = {
        "global": _("Radar des 4 enjeux"),
        "level1": _("Niveau 1 · Fonctionnement interne"),
        "level2": _("Niveau 2 · Sphère d'influence"),
    }
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


# --- Grid versions -------------------------------------------------------------------------------


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


# --- Changed answers -----------------------------------------------------------------------------


def answer_label(answer: str | None) -> str:
    labels = {
        "++": _("tout à fait d'accord"),
        "+": _("plutôt d'accord"),
        "-": _("plutôt pas d'accord"),
        "--": _("pas du tout d'accord"),
        NOT_APPLICABLE: _("non applicable"),
    }
    return labels.get(answer, _("sans réponse"))


@dataclass(frozen=True)
class ChangedAnswer:
    code: str
    text: str
    before: AnswerValue
    after: AnswerValue

    @property
    def before_label(self) -> str:
        return answer_label(self.before.answer)

    @property
    def after_label(self) -> str:
        return answer_label(self.after.answer)


BLANK = AnswerValue(None)


def changed_answers(
    questions: Iterable[tuple[str, str]],
    before: Mapping[str, AnswerValue],
    after: Mapping[str, AnswerValue],
) -> list[ChangedAnswer]:
    """The `(code, text)` questions, in their order, whose answer differs (blank counts)."""
    changes = []
    for code, text in questions:
        old, new = before.get(code, BLANK), after.get(code, BLANK)
        if old.answer != new.answer:
            changes.append(ChangedAnswer(code, text, old, new))
    return changes


# --- The page ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class YearColumn:
    year: int
    assessment: Assessment
    scores: Scores  # the notes compared (on shared questions when versions differ)
    style: dict
    previous_year: int | None  # the column before, for the delta between them


@dataclass(frozen=True)
class VersionGap:
    """Years filled on different grid versions, compared on the questions they share."""

    versions: list[tuple[str, list[int]]]  # version code, its years, oldest version first
    shared: frozenset[str]
    left_out: list[str]


@dataclass(frozen=True)
class YearComments:
    year: int
    steps: list[Transition]


def evolution_page(
    membership: Membership, *, shown: Sequence[str] = (), before: str | None = None,
    after: str | None = None,
) -> dict:
    """Everything the year-over-year page shows, in a number of queries that does not grow with
    the years or the questions."""
    rows = {row.assessment.campaign.year: row for row in cluster_overview(membership)}
    choice = choose_years(rows, shown=shown, before=before, after=after)
    if not rows:
        return {"choice": choice, "years": [], "columns": []}
    shown_rows = [rows[year] for year in choice.shown]
    pair = [rows[year] for year in (choice.before, choice.after) if year is not None]
    # Versions and answers are read only where the page needs them, each in one query.
    notes_differ, pair_differs = _versions_differ(shown_rows), _versions_differ(pair)
    specs = grid_specs(
        {row.assessment.campaign.version for row in
         (shown_rows if notes_differ else []) + (pair if pair_differs else [])}
    )
    answers, questions = _answers_of(
        {row.assessment.pk for row in (shown_rows if notes_differ else []) + pair}
    )

    notes_gap = _version_gap(shown_rows, specs) if notes_differ else None
    if notes_gap:
        scores = _scores_on_shared_questions(shown_rows, specs, notes_gap.shared, answers)
    else:
        # One version: the very notes the results page shows (stored once submitted).
        scores = [row.scores for row in shown_rows]
    styles = year_styles(choice.shown)
    enjeu_names = dict(Enjeu.objects.filter(code__in=ENJEUX).values_list("code", "short_name"))
    return {
        "choice": choice,
        "years": sorted(rows),
        "columns": [
            YearColumn(year, rows[year].assessment, year_scores, styles[year], previous)
            for year, year_scores, previous in zip(
                choice.shown, scores, (None, *choice.shown), strict=False
            )
        ],
        "notes": note_rows(scores, enjeu_names),
        "radars": radars(choice.shown, scores),
        "notes_gap": notes_gap,
        **_comparison(pair, specs if pair_differs else None, answers, questions),
        "comments": _board_comments(shown_rows),
    }


def _versions_differ(rows: Sequence[OverviewRow]) -> bool:
    return len({row.assessment.campaign.version_id for row in rows}) > 1


def _version_gap(rows: Sequence[OverviewRow], specs: Mapping[int, GridSpec]) -> VersionGap:
    versions: dict[int, tuple[str, list[int]]] = {}
    for row in sorted(rows, key=lambda r: r.assessment.campaign.year):
        version = row.assessment.campaign.version
        versions.setdefault(version.pk, (version.code, []))[1].append(row.assessment.campaign.year)
    version_specs = [specs[pk] for pk in versions]
    shared = shared_codes(version_specs)
    return VersionGap(list(versions.values()), shared, left_out_codes(version_specs, shared))


def _scores_on_shared_questions(
    rows: Sequence[OverviewRow], specs: Mapping[int, GridSpec], shared: frozenset[str],
    answers: Mapping[int, dict[str, AnswerValue]],
) -> list[Scores]:
    """Each year on its own barèmes and weights, but only on the codes all the versions share.

    Completion and the provisional mark stay those of the year's own grid: they tell whether that
    grid was finished, not how much of the shared part was.
    """
    custom = _custom_rows_of([row.assessment.pk for row in rows])
    scores = []
    for row in rows:
        pk = row.assessment.pk
        spec = restrict(specs[row.assessment.campaign.version_id], shared)
        on_shared = score(spec, answers[pk], custom.get(pk, []))
        scores.append(
            replace(on_shared, completion=row.scores.completion, provisional=row.scores.provisional)
        )
    return scores


def _comparison(
    pair: Sequence[OverviewRow], specs: Mapping[int, GridSpec] | None,
    answers: Mapping[int, dict[str, AnswerValue]], questions: Mapping[int, list[tuple[str, str]]],
) -> dict:
    """The answers that changed from the older year of `pair` to the newer; `specs` is given
    when the two years are on different versions, and only their shared questions compare."""
    if len(pair) < 2:
        return {"pair": pair, "changes": [], "pair_gap": None}
    old, new = (row.assessment.pk for row in pair)
    compared = questions[new]
    pair_gap = None
    if specs is not None:
        pair_gap = _version_gap(pair, specs)
        compared = [(code, text) for code, text in compared if code in pair_gap.shared]
    return {
        "pair": pair,
        "changes": changed_answers(compared, answers[old], answers[new]),
        "pair_gap": pair_gap,
    }


def _answers_of(
    assessment_ids: Collection[int],
) -> tuple[dict[int, dict[str, AnswerValue]], dict[int, list[tuple[str, str]]]]:
    """Answers by assessment, and each assessment's questions (code, text) in grid order."""
    answers: dict[int, dict[str, AnswerValue]] = {pk: {} for pk in assessment_ids}
    questions: dict[int, list[tuple[str, str]]] = {pk: [] for pk in assessment_ids}
    if not assessment_ids:
        return answers, questions
    for pk, code, text, value, comment in (
        Answer.objects.filter(assessment_id__in=assessment_ids)
        .order_by("question__order")
        .values_list("assessment_id", "question__code", "question__text", "value", "comment")
    ):
        answers[pk][code] = AnswerValue(value or None, comment)
        questions[pk].append((code, text))
    return answers, questions


def _custom_rows_of(assessment_ids: Collection[int]) -> dict[int, list[CustomRow]]:
    # « Autres actions » belong to the cluster, not to a grid version: they count in every year.
    rows: dict[int, list[CustomRow]] = {}
    for pk, enjeu, label, level, bareme, value in CustomAnswer.objects.filter(
        assessment_id__in=assessment_ids
    ).values_list("assessment_id", "enjeu__code", "label", "level", "bareme", "value"):
        rows.setdefault(pk, []).append(CustomRow(enjeu, label, level, bareme, value or None))
    return rows


def _board_comments(rows: Sequence[OverviewRow]) -> list[YearComments]:
    """What the board said when it validated, returned or reopened each year, newest year first."""
    steps: dict[int, list[Transition]] = {row.assessment.pk: [] for row in rows}
    for step in Transition.objects.filter(
        assessment_id__in=steps, to_status__in=BOARD_STEPS
    ).select_related("by"):
        steps[step.assessment_id].append(step)
    return [
        YearComments(row.assessment.campaign.year, steps[row.assessment.pk])
        for row in sorted(rows, key=lambda r: r.assessment.campaign.year, reverse=True)
    ]
