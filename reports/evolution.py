"""The year-over-year page (DESIGN §6): the years shown with their notes side by side, the answers
changed between two years, the board's comments.

`evolution_page` reads; what it computes is pure (reports.years, grid.versions, the presenters).
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from clusters.models import Membership
from grid.labels import answer_short_label
from grid.maturity import Scale
from grid.models import Assessment, Question, Transition
from grid.scoring import ENJEUX, AnswerValue, Scores
from grid.selectors import OverviewRow, answers_of, cluster_overview, maturity_scales
from grid.specs import grid_specs
from grid.versions import VersionGap, version_gap
from initiatives.kept import kept
from initiatives.models import Enjeu

from .objectives import objectives_block
from .presenters import radars, year_styles
from .summary import YearNotes, compared_notes, note_rows
from .years import choose_years

BOARD_STEPS = (Assessment.Status.VALIDATED, Assessment.Status.RETURNED)
BLANK = AnswerValue(None)


@dataclass(frozen=True)
class ChangedAnswer:
    code: str
    text: str
    before: AnswerValue
    after: AnswerValue

    @property
    def before_label(self) -> str:
        return answer_short_label(self.before.answer)

    @property
    def after_label(self) -> str:
        return answer_short_label(self.after.answer)


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


@dataclass(frozen=True)
class YearColumn:
    year: int
    assessment: Assessment
    scores: Scores  # the notes compared (on shared questions when versions differ)
    style: dict
    previous_year: int | None  # the column before, for the delta between them


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
    compared_rows = (shown_rows if notes_differ else []) + (pair if pair_differs else [])
    specs = grid_specs({row.assessment.campaign.version for row in compared_rows})
    stored = answers_of({row.assessment.pk for row in (shown_rows if notes_differ else []) + pair})

    def spec_of(row: OverviewRow):
        return specs[row.assessment.campaign.version_id]

    compared = compared_notes([
        YearNotes(row.assessment.campaign.year, row.assessment.campaign.version_id, row.scores,
                  lambda row=row: (spec_of(row), stored[row.assessment.pk].answers,
                                   stored[row.assessment.pk].custom_rows))
        for row in shown_rows
    ])
    scores = compared.scores
    styles = year_styles(choice.shown)
    content = _content({row.assessment.campaign.version_id for row in (*shown_rows, *pair)})
    # Each year is graded on its own version's maturity levels.
    scales = [content.scales[row.assessment.campaign.version_id] for row in shown_rows]
    pair_gap = version_gap({r.assessment.campaign.year: spec_of(r) for r in pair}) if (
        pair_differs) else None
    return {
        "choice": choice,
        "years": sorted(rows),
        "columns": [
            YearColumn(year, rows[year].assessment, year_scores, styles[year], previous)
            for year, year_scores, previous in zip(
                choice.shown, scores, (None, *choice.shown), strict=False
            )
        ],
        "notes": note_rows(scores, content.enjeu_names, scales),
        "radars": radars(choice.shown, scores, scales, content.enjeu_names),
        "notes_gap": compared.gap,
        "pair": pair,
        "changes": _changes(pair, pair_gap, stored, content.questions),
        "pair_gap": pair_gap,
        "comments": _board_comments(shown_rows),
        # For the newest year shown, its trend read in the years already at hand.
        "objectives": objectives_block(
            membership.cluster, max(choice.shown), content.enjeu_names,
            {year: row.scores for year, row in rows.items()}),
    }


def _versions_differ(rows: Sequence[OverviewRow]) -> bool:
    return len({row.assessment.campaign.version_id for row in rows}) > 1


def _changes(pair: Sequence[OverviewRow], gap: VersionGap | None, stored,
             questions: Mapping[int, list[tuple[str, str]]]) -> list[ChangedAnswer]:
    """The answers that changed from the older year of `pair` to the newer, in the newer grid's
    order and wording; only the questions both versions share when they differ."""
    if len(pair) < 2:
        return []
    old, new = (row.assessment for row in pair)
    compared = [(code, text) for code, text in questions[new.campaign.version_id]
                if gap is None or code in gap.shared]
    return changed_answers(compared, stored[old.pk].answers, stored[new.pk].answers)


@dataclass(frozen=True)
class _Content:
    enjeu_names: dict[str, str]
    scales: dict[int, Scale]  # by grid version
    questions: dict[int, list[tuple[str, str]]]  # by grid version: code and text, grid order


def _content(version_ids: set[int]) -> _Content:
    """What the page shows of the guide and of these grid versions, the same for every cluster:
    kept until the content is edited (initiatives.kept), three queries otherwise."""
    def read() -> _Content:
        questions: dict[int, list[tuple[str, str]]] = {pk: [] for pk in version_ids}
        for version_id, code, text in (Question.objects.filter(version_id__in=version_ids)
                                       .order_by("order").values_list("version_id", "code",
                                                                       "text")):
            questions[version_id].append((code, text))
        names = dict(Enjeu.objects.filter(code__in=ENJEUX).values_list("code", "short_name"))
        return _Content(names, maturity_scales(version_ids), questions)
    return kept(("evolution", *sorted(version_ids)), read)


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
