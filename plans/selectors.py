"""Reads of the plan and of the path progress, for one cluster (scoped by the caller through
clusters.access.membership_for)."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from clusters.models import Cluster, Membership
from initiatives.kept import kept
from initiatives.models import Path, PathStep, Section, Sheet

from .models import Action, ActionComment, StepReached
from .rules import DUE_SOON, OPEN, is_late

COMMENTS_PER_PAGE = 20


def _actions(cluster: Cluster):
    return (
        Action.objects.filter(cluster=cluster)
        .select_related("owner", "axis")
        .prefetch_related(Prefetch(
            "sheets", queryset=Sheet.objects.select_related("section__enjeu").order_by("order"),
        ))
    )


def question_section(code: str) -> str:
    """The section of a question code: « 2C » for « 2C-3 »."""
    return code.split("-", 1)[0]


def enjeu_of_sections() -> dict[str, str]:
    """Section code → enjeu code (« 2C » → « C »); the strategy section has none."""
    return dict(Section.objects.filter(enjeu__isnull=False).values_list("code", "enjeu__code"))


def enjeu_of(question_codes: list[str], sheet_numbers: list[str]) -> str | None:
    """The enjeu an action on these questions and sheets serves: its first question's, else its
    first sheet's (the strategy section's have none)."""
    if question_codes:
        return enjeu_of_sections().get(question_section(question_codes[0]))
    numbers = [number for number in sheet_numbers if number.isprintable()][:1]
    sheet = Sheet.objects.filter(number__in=numbers).select_related("section__enjeu").first()
    enjeu = sheet.section.enjeu if sheet else None
    return enjeu.code if enjeu else None


def actions_of(cluster: Cluster, *, status: str | None = None, enjeu: str | None = None,
               sheet: str | None = None, overdue: bool = False, axis: int | None = None,
               without_axis: bool = False, today: date | None = None) -> list[Action]:
    """The cluster's actions (soonest due first), filtered. `enjeu` (A–D) matches an action
    through its sheets' sections or its questions' sections; `sheet` is a sheet number;
    `overdue` keeps the open actions whose due date has passed; `axis` an axis's id,
    `without_axis` the actions serving none."""
    actions = _actions(cluster)
    if status:
        actions = actions.filter(status=status)
    if axis is not None:
        actions = actions.filter(axis=axis)
    if without_axis:
        actions = actions.filter(axis__isnull=True)
    found = list(actions)
    if overdue:
        on = today or timezone.localdate()
        found = [a for a in found if is_late(a, on)]
    if sheet:
        found = [a for a in found if any(s.number == sheet for s in a.sheets.all())]
    if enjeu:
        sections = enjeu_of_sections()
        found = [
            a for a in found
            if any(s.section.enjeu and s.section.enjeu.code == enjeu for s in a.sheets.all())
            or any(sections.get(question_section(code)) == enjeu for code in a.question_codes)
        ]
    return found


def action_of(membership: Membership, pk: int) -> Action:
    """An action of the member's cluster; 404 for any other (its existence is not confirmed)."""
    return get_object_or_404(_actions(membership.cluster).select_related("cluster"),
                             cluster=membership.cluster, pk=pk)


def action_comments(action: Action, page_number=1) -> Page:
    """One page of the action's comments, newest first (two queries: the count and the page)."""
    comments = action.comments.select_related("by").order_by("-at", "-pk")
    return Paginator(comments, COMMENTS_PER_PAGE).get_page(page_number)


def actions_by_question(cluster: Cluster) -> dict[str, list[Action]]:
    """Question code → the cluster's actions that serve it, whatever their status (without their
    sheets: the grid page shows each beside its question, one query)."""
    by_code: dict[str, list[Action]] = {}
    for action in Action.objects.filter(cluster=cluster).order_by("pk"):  # as they were planned
        for code in action.question_codes:
            by_code.setdefault(code, []).append(action)
    return by_code


@dataclass(frozen=True)
class StepState:
    """A path step for one cluster: reached when marked (`explicit`) or when an action linked
    to its sheet is done (`by_action`, the first done)."""

    step: PathStep
    reached: bool
    reached_on: date | None
    note: str
    by_action: Action | None
    explicit: StepReached | None


@dataclass(frozen=True)
class PathProgress:
    """A path's steps for one cluster. A step offering options counts once: reached when one of
    its options is; `next_step` is the first option of the first step number not reached."""

    path: Path
    steps: list[StepState]
    reached_count: int
    total: int
    next_step: StepState | None


def _paths() -> dict[str, tuple[Path, list[PathStep]]]:
    """Path code → the path and its steps with their sheets, in order (content: kept, two
    queries after an edit, none otherwise)."""
    def read():
        steps = list(PathStep.objects.select_related("sheet__section")
                     .order_by("path__order", "step", "option"))
        return {path.code: (path, [step for step in steps if step.path_id == path.pk])
                for path in Path.objects.select_related("enjeu")}
    return kept(("paths",), read)


def _progress(cluster_ids: Collection[int],
              paths: list[tuple[Path, list[PathStep]]]) -> dict[int, list[PathProgress]]:
    """Each cluster's progress on `paths`, by cluster id, in two queries whatever their number."""
    marked: dict[int, dict[int, StepReached]] = {pk: {} for pk in cluster_ids}
    for row in StepReached.objects.filter(cluster_id__in=cluster_ids).select_related("by"):
        marked[row.cluster_id][row.step_id] = row
    done_by_sheet: dict[int, dict[int, Action]] = {pk: {} for pk in cluster_ids}
    done = (Action.sheets.through.objects
            .filter(action__cluster_id__in=cluster_ids, action__status=Action.Status.DONE)
            .select_related("action").order_by("action__done_on", "action__pk"))
    for link in done:
        done_by_sheet[link.action.cluster_id].setdefault(link.sheet_id, link.action)
    return {pk: [_path_progress(path, steps, marked[pk], done_by_sheet[pk])
                 for path, steps in paths] for pk in cluster_ids}


def _path_progress(path: Path, steps: list[PathStep], marked: dict[int, StepReached],
                   done_by_sheet: dict[int, Action]) -> PathProgress:
    states = []
    for step in steps:
        explicit, action = marked.get(step.pk), done_by_sheet.get(step.sheet_id)
        reached_on = explicit.reached_on if explicit else action.done_on if action else None
        states.append(StepState(step, bool(explicit or action), reached_on,
                                explicit.note if explicit else "", action, explicit))
    numbers = {s.step.step for s in states}
    reached = {s.step.step for s in states if s.reached}
    upcoming = next((s for s in states if s.step.step not in reached), None)
    return PathProgress(path, states, len(reached), len(numbers), upcoming)


def path_progress(cluster: Cluster) -> list[PathProgress]:
    """The five paths, in order, with the cluster's progress on each."""
    return _progress([cluster.pk], list(_paths().values()))[cluster.pk]


def path_position(cluster: Cluster, path_code: str) -> PathProgress:
    """The cluster's progress on one path (404 for an unknown code)."""
    paths = {code.lower(): path for code, path in _paths().items()}
    if path_code.lower() not in paths:
        raise Http404(path_code)
    return _progress([cluster.pk], [paths[path_code.lower()]])[cluster.pk][0]


def next_steps(cluster_ids: Collection[int]) -> dict[int, PathProgress | None]:
    """Each cluster's next path step, by cluster id: on the path it went furthest along without
    finishing it (the first such path in the guide's order on a tie, so the first path before
    any step is reached); None once every path is done. Two queries."""
    found = {}
    for pk, paths in _progress(cluster_ids, list(_paths().values())).items():
        open_paths = [progress for progress in paths if progress.next_step is not None]
        found[pk] = max(open_paths, key=lambda p: Fraction(p.reached_count, p.total),
                        default=None)
    return found


def due_or_late(today: date):
    """Open actions past their due date or due within DUE_SOON (rules), of every cluster."""
    return Action.objects.filter(status__in=OPEN, due_on__lte=today + DUE_SOON)


def actions_due(cluster_ids: Collection[int], today: date) -> list[Action]:
    """The open actions of these clusters late or due soon, soonest first (so the late ones
    first), with their cluster: one query."""
    return list(due_or_late(today).filter(cluster_id__in=cluster_ids)
                .select_related("cluster").order_by("due_on", "pk"))


def late_counts(cluster_ids: Collection[int], today: date) -> dict[int, int]:
    """How many actions of each cluster are late (rules.is_late), by cluster id: one query."""
    counts = (Action.objects.filter(cluster_id__in=cluster_ids, status__in=OPEN,
                                    due_on__lt=today)
              .values_list("cluster_id").annotate(count=Count("pk")).order_by())
    return dict(counts)


def latest_comments(cluster_ids: Collection[int], count: int) -> list[ActionComment]:
    """The latest `count` comments on these clusters' actions, newest first: one query."""
    return list(
        ActionComment.objects.filter(action__cluster_id__in=cluster_ids)
        .select_related("by", "action__cluster").order_by("-at", "-pk")[:count]
    )
