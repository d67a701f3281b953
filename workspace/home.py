"""A person's home: what each of their roles has to do, composed from the domains' selectors
in a number of queries that does not grow with their clusters, years, questions or actions.

An editor sees each cluster's current year and what it waits for, the questions assigned to
them, the plan's late and soon-due actions and the next path step; a board member the years
awaiting its decision, then what changed lately in its clusters; a network coordinator their
networks; a content admin the latest content changes. Each part reads only the clusters the
person holds that role in."""

from dataclasses import dataclass
from datetime import date, datetime

from django.urls import reverse

from accounts.names import account_name
from accounts.selectors import unread_notifications
from clusters.access import memberships_of
from clusters.models import Cluster, Membership
from experiences.models import Experience
from glossary.models import GlossaryTerm
from grid import selectors as grid
from grid.models import Question
from initiatives.models import Sheet
from network.selectors import networks_with_size
from plans import selectors as plans
from plans.models import Action
from plans.rules import DUE_SOON, is_late

ACTIVITY_COUNT = 10  # the board's « recent changes », the content admin's latest changes
# The content a content admin keeps, as its history records it; the permission that makes one.
CONTENT_MODELS = (Sheet, Question, GlossaryTerm, Experience)
CONTENT_PERMISSION = "initiatives.change_sheet"


@dataclass(frozen=True)
class ClusterWork:
    """An editor's cluster: its current year (None before the first) and next path step."""

    cluster: Cluster
    year: grid.YearState | None
    next_path: plans.PathProgress | None


@dataclass(frozen=True)
class DueAction:
    action: Action
    late: bool


@dataclass(frozen=True)
class Activity:
    """One line of the board's recent changes: a workflow step, a comment on an action, or
    answers changed (`kind`), with the object it shows."""

    kind: str
    at: datetime
    item: object


@dataclass(frozen=True)
class ContentChange:
    at: datetime
    kind: str  # the model's name: « fiche-initiative », « question »…
    label: str
    change: str  # simple_history's type: + created, ~ changed, - deleted
    author: str
    admin_url: str  # empty for a deleted object


def person_home(user, today: date) -> dict:
    """The parts of `user`'s home, each None (or empty) but for the roles they hold."""
    memberships = list(memberships_of(user))
    editing = [m.cluster for m in memberships if m.role == Membership.Role.EDITOR]
    boarding = [m.cluster_id for m in memberships if m.role == Membership.Role.BOARD]
    networks = networks_with_size(user)
    coordinator = bool(networks) or user.groups.filter(name="network").exists()
    content_admin = user.is_staff and user.has_perm(CONTENT_PERMISSION)
    return {
        "editor": editor_home(user, editing, today) if editing else None,
        "board": board_home(boarding) if boarding else None,
        "coordinator": coordinator,
        "networks": networks,
        "content_changes": content_changes(ACTIVITY_COUNT) if content_admin else None,
        "has_role": bool(memberships or coordinator or content_admin),
        "notifications": unread_notifications(user),
    }


def editor_home(user, clusters: list[Cluster], today: date) -> dict:
    ids = [cluster.pk for cluster in clusters]
    years, steps = grid.current_years(ids), plans.next_steps(ids)
    return {
        "assigned": _by_year(grid.assigned_questions(user, ids, today)),
        "clusters": [ClusterWork(c, years.get(c.pk), steps.get(c.pk)) for c in clusters],
        "actions": [
            DueAction(action, is_late(action, today))
            for action in plans.actions_due(ids, today)
        ],
        "due_within": DUE_SOON.days,
    }


@dataclass(frozen=True)
class AssignedYear:
    """The questions a person answers in one cluster's open year, late first."""

    cluster: Cluster
    year: int
    questions: list[grid.AssignedQuestion]

    @property
    def late(self) -> int:
        return sum(question.late for question in self.questions)


def _by_year(questions: list[grid.AssignedQuestion]) -> list[AssignedYear]:
    """The questions grouped by cluster and year, the years with the most urgent first (the
    order of `questions`)."""
    years: dict[tuple[int, int], AssignedYear] = {}
    for question in questions:
        key = (question.cluster.pk, question.year)
        if key not in years:
            years[key] = AssignedYear(question.cluster, question.year, [])
        years[key].questions.append(question)
    return list(years.values())


def board_home(cluster_ids: list[int]) -> dict:
    activity = (
        [Activity("step", step.at, step) for step in grid.latest_steps(cluster_ids, ACTIVITY_COUNT)]
        + [
            Activity("comment", comment.at, comment)
            for comment in plans.latest_comments(cluster_ids, ACTIVITY_COUNT)
        ]
        + [
            Activity("answers", edits.at, edits)
            for edits in grid.latest_answer_edits(cluster_ids, ACTIVITY_COUNT)
        ]
    )
    activity.sort(key=lambda line: line.at, reverse=True)
    return {
        "to_validate": grid.years_awaiting_board(cluster_ids),
        "activity": activity[:ACTIVITY_COUNT],
    }


def content_changes(count: int) -> list[ContentChange]:
    """The latest `count` changes of the guide's content, newest first: one query per model."""
    records = [
        record
        for model in CONTENT_MODELS
        for record in model.history.select_related("history_user").order_by("-history_date")[:count]
    ]
    records.sort(key=lambda record: record.history_date, reverse=True)
    return [_content_change(record) for record in records[:count]]


def _content_change(record) -> ContentChange:
    meta = record.instance._meta
    url = (
        ""
        if record.history_type == "-"
        else reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[record.id])
    )
    return ContentChange(
        record.history_date,
        meta.verbose_name,
        str(record.instance),
        record.history_type,
        account_name(record.history_user),
        url,
    )
