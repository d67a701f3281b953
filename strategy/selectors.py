"""Reads of a cluster's strategies, scoped by the membership the view got from clusters.access:
each page reads a fixed number of queries whatever the number of axes and objectives."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from itertools import chain

from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.names import person_name
from clusters.models import Cluster, Membership
from grid.labels import answer_short_label
from grid.models import Assessment, GridVersion, Question
from grid.scoring import Scores
from grid.selectors import assessment_rows, assessment_scores, cluster_years
from grid.specs import grid_spec
from initiatives.labels import LEVEL_NAMES
from initiatives.models import Enjeu, Section
from plans.axes import PlanAxis
from plans.models import Action

from .models import Axis, Objective, Strategy
from .progress import Progress, progress, shown_hundredths

HISTORY_COUNT = 15


def strategies_of(cluster: Cluster) -> list[Strategy]:
    return list(Strategy.objects.filter(cluster=cluster).order_by("-start_year"))


def chosen(strategies: list[Strategy], start_year: int | None) -> Strategy | None:
    """The strategy of the page: the one starting `start_year` (404 if none), else the one
    covering this year, else the latest."""
    if start_year is not None:
        found = next((s for s in strategies if s.start_year == start_year), None)
        if found is None:
            raise Http404
        return found
    year = timezone.localdate().year
    return next((s for s in strategies if s.start_year <= year <= s.end_year),
                strategies[0] if strategies else None)


def strategy_detail(strategy: Strategy) -> Strategy:
    """The strategy with its responsible, axes and objectives (and their actions) loaded."""
    return (Strategy.objects.select_related("responsible")
            .prefetch_related("axes__objectives__action",
                              Prefetch("axes__actions", Action.objects.order_by("due_on", "pk")))
            .get(pk=strategy.pk))


def plan_axes(cluster: Cluster, also=()) -> list[PlanAxis]:
    """settings.PLAN_AXES: the axes of the cluster's strategy covering this year (approved or
    not: the team plans while the board reads it), then those of `also` from other periods,
    newest period first; one query."""
    year = timezone.localdate().year
    covering = Q(strategy__start_year__lte=year, strategy__end_year__gte=year)
    axes = (Axis.objects.filter(strategy__cluster=cluster).filter(covering | Q(pk__in=also))
            .select_related("strategy").order_by("-strategy__start_year", "order"))
    return sorted((PlanAxis(axis.pk, _("Axe %(number)s · %(title)s (%(period)s)") % {
        "number": axis.order, "title": axis.title, "period": axis.strategy.period},
        tuple(axis.enjeux), axis.strategy.start_year <= year <= axis.strategy.end_year)
        for axis in axes), key=lambda axis: not axis.current)


def members(cluster: Cluster):
    return (Membership.objects.filter(cluster=cluster).select_related("user")
            .order_by("user__last_name", "user__first_name", "user__username"))


@dataclass(frozen=True)
class Diagnosis:
    """What an axis's « why » is chosen from: the questions of the cluster's latest year (of
    the latest grid version when it has none) with that year's answers and section notes."""

    year: int | None
    questions: dict[str, tuple[str, str]]  # code → (text, answer)
    sections: dict[str, tuple[str, Fraction | None]]  # code → (title, note)


def diagnosis(cluster: Cluster) -> Diagnosis:
    latest = (Assessment.objects.filter(cluster=cluster).select_related("campaign__version")
              .order_by("-campaign__year").first())
    version = latest.campaign.version if latest else GridVersion.objects.order_by(
        "-created_at").first()
    answers, notes = {}, {}
    if latest is not None:
        spec = grid_spec(version)
        rows = assessment_rows(latest)
        answers = rows.answers
        notes = assessment_scores(latest, spec, rows.answers, rows.custom_rows).sections
    questions = {
        code: (text, answer_short_label(answers[code].answer) if code in answers else "")
        for code, text in Question.objects.filter(version=version)
        .order_by("section__order", "order").values_list("code", "text")
    }
    sections = {code: (title, notes.get(code))
                for code, title in Section.objects.exclude(code="S").values_list("code", "title")}
    return Diagnosis(latest.campaign.year if latest else None, questions, sections)


def enjeu_names() -> dict[str, str]:
    return dict(Enjeu.objects.values_list("code", "short_name"))


def level_names() -> dict[int, str]:
    return {number: str(name) for number, name in LEVEL_NAMES.items()}


@dataclass(frozen=True)
class Change:
    at: object
    who: str
    what: str  # the model's name
    label: str  # the row's (« Axe 2 · Réduire… »)
    kind: str  # "+", "~", "-"


def history(strategy: Strategy) -> list[Change]:
    """The latest changes of the strategy, its axes and objectives, newest first: three
    queries, whatever the history's length."""
    records = chain(
        ((record, Strategy._meta.verbose_name, strategy.period)
         for record in Strategy.history.filter(id=strategy.pk).select_related("history_user")
         .order_by("-history_date")[:HISTORY_COUNT]),
        ((record, Axis._meta.verbose_name, record.title)
         for record in Axis.history.filter(strategy_id=strategy.pk)
         .select_related("history_user").order_by("-history_date")[:HISTORY_COUNT]),
        ((record, Objective._meta.verbose_name,
          f"{record.get_kind_display()} {record.reference}".strip())
         # By the axes' ids in their history: an objective of a deleted axis is listed too.
         for record in Objective.history.filter(
             axis_id__in=Axis.history.filter(strategy_id=strategy.pk).values("id"))
         .select_related("history_user").order_by("-history_date")[:HISTORY_COUNT]),
    )
    changes = [Change(record.history_date, person_name(record.history_user), str(what), label,
                      record.history_type) for record, what, label in records]
    return sorted(changes, key=lambda change: change.at, reverse=True)[:HISTORY_COUNT]


@dataclass(frozen=True)
class ObjectiveProgress:
    objective: Objective
    is_note: bool  # a note, in percent; else an action's indicator, in its unit
    start_year: int | None  # the year of the starting value, None without one
    start: Fraction | None
    trend: list[tuple[int, Fraction | None]]  # from the starting year to the year shown
    progress: Progress


@dataclass(frozen=True)
class StrategyProgress:
    year: int
    strategy: Strategy | None  # the approved strategy covering the year
    pending: Strategy | None  # the one covering it, not (or no longer) approved
    objectives: list[ObjectiveProgress]


def objectives_progress(cluster: Cluster, year: int, notes: Mapping[int, Scores] | None = None,
                        *, scores: Scores | None = None) -> StrategyProgress:
    """The objectives of the strategy covering `year`, each with its value that year, its trend
    and where it stands against its line (strategy.progress). Only an approved strategy counts:
    a draft's targets are not yet the board's. `notes`: the cluster's scores by year when the
    page has them already, read otherwise (`scores`: the year's own, when the page has only
    those). A fixed number of queries whatever the number of objectives and years: the
    strategy with its axes and objectives (3), the notes when not given
    (grid.selectors.cluster_years), the actions' history (1)."""
    covering = (Strategy.objects.filter(cluster=cluster, start_year__lte=year, end_year__gte=year)
                .prefetch_related(Prefetch("axes__objectives",
                                           Objective.objects.select_related("action")))
                .first())
    if covering is None or covering.status != Strategy.Status.APPROVED:
        return StrategyProgress(year, None, covering, [])
    objectives = [objective for axis in covering.axes.all() for objective in axis.objectives.all()]
    kinds = {objective.kind for objective in objectives}
    if notes is None and kinds - {Objective.Kind.INDICATOR}:
        notes = {row.assessment.campaign.year: row.scores
                 for row in cluster_years(cluster, before=year if scores else year + 1)}
        if scores is not None:
            notes[year] = scores
    measured = _measured_by_year(
        [o.action for o in objectives if o.action is not None], covering.start_year, year)
    return StrategyProgress(year, covering, None, [
        _note_progress(objective, covering, year, notes or {})
        if objective.kind != Objective.Kind.INDICATOR
        else _indicator_progress(objective, covering, year, measured)
        for objective in objectives
    ])


def note_of(scores: Scores | None, objective: Objective) -> Fraction | None:
    """The objective's note in `scores`, in percent; None for a year without answers."""
    if scores is None or scores.unanswered:
        return None
    kind, reference = objective.kind, objective.reference
    if kind == Objective.Kind.ENJEU:
        note = scores.axes.get(reference)
    elif kind == Objective.Kind.SECTION:
        note = scores.sections.get(reference)
    else:
        note = scores.levels.get(int(reference)) if reference.isdigit() else None
    return None if note is None else note * 100


def _note_progress(objective: Objective, strategy: Strategy, year: int,
                   notes: Mapping[int, Scores]) -> ObjectiveProgress:
    """The line starts at the note of the year before the strategy, the diagnosis it was drawn
    from; without one, at the note of its first year (a first diagnosis made that year)."""
    start_year = next((y for y in (strategy.start_year - 1, strategy.start_year)
                       if note_of(notes.get(y), objective) is not None), None)
    start = None if start_year is None else note_of(notes[start_year], objective)
    trend = [(y, note_of(notes.get(y), objective))
             for y in range(start_year or strategy.start_year, year + 1)]
    return ObjectiveProgress(objective, True, start_year, start, trend, progress(
        start=start, start_year=start_year or strategy.start_year, target=objective.target,
        target_year=objective.year, year=year, value=trend[-1][1]))


def _indicator_progress(objective: Objective, strategy: Strategy, year: int,
                        measured: Mapping[int, dict[int, Fraction | None]]) -> ObjectiveProgress:
    """The line starts at the action's baseline, taken as the value before the strategy; each
    year's value is the one measured at the year's end (the action's history)."""
    action = objective.action
    start_year = strategy.start_year - 1
    if action is None:
        values, start = {}, None
    else:
        values = measured.get(action.pk, {})
        start = None if action.baseline is None else Fraction(action.baseline)
    trend = [(start_year, start), *((y, values.get(y)) for y in range(strategy.start_year,
                                                                      year + 1))]
    return ObjectiveProgress(objective, False, start_year if start is not None else None, start,
                             trend, progress(
        start=start, start_year=start_year, target=objective.target, target_year=objective.year,
        year=year, value=trend[-1][1], rising=start is None or objective.target >= start,
        shown=shown_hundredths))


def _measured_by_year(actions: list[Action], first: int, last: int
                      ) -> dict[int, dict[int, Fraction | None]]:
    """Each action's measured value at the end of each year from `first` to `last`, from its
    history in one query; this year's and later are the value as it stands."""
    if not actions:
        return {}
    this_year = timezone.localdate().year
    ends = {y: timezone.make_aware(datetime(y + 1, 1, 1)) for y in range(first, last + 1)}
    records: dict[int, list] = {action.pk: [] for action in actions}
    for pk, at, value in (Action.history.filter(id__in=records, history_date__lt=max(ends.values()))
                          .order_by("history_date", "history_id")
                          .values_list("id", "history_date", "measured")):
        records[pk].append((at, value))

    def at_end(action: Action, y: int) -> Fraction | None:
        if y >= this_year:
            value = action.measured
        else:
            value = next((v for at, v in reversed(records[action.pk]) if at < ends[y]), None)
        return None if value is None else Fraction(value)
    return {action.pk: {y: at_end(action, y) for y in ends} for action in actions}
