"""The plan as the exports and the PDF report print it: reads in a fixed number of queries, then
plain rows (no ORM past `plan_rows`)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from accounts.names import account_name
from clusters.models import Cluster

from .models import Action
from .presenters import Progress, indicator_progress, owner_text
from .rules import OPEN, is_late

RECENT_DAYS = 365  # « réalisées depuis l'an dernier »: done in the 12 months before the report


@dataclass(frozen=True)
class PlanRow:
    """An action of the plan, as exported."""

    title: str
    status: str  # the code: planned, in_progress, done, dropped
    status_label: str
    sheets: tuple[str, ...]  # numbers, in the guide's order
    questions: tuple[str, ...]
    owner: str  # as export.json gives it: the free text, else the member's name
    starts_on: date | None
    due_on: date | None
    done_on: date | None
    indicator: str
    unit: str
    baseline: Decimal | None
    target: Decimal | None
    measured: Decimal | None
    notes: str
    owner_label: str = ""  # as the pages show it: the member and the free text (presenters)

    @property
    def progress(self) -> Progress | None:
        return indicator_progress(self)


def plan_rows(cluster: Cluster) -> list[PlanRow]:
    """The cluster's actions, by due date, in two queries whatever their number."""
    actions = list(Action.objects.filter(cluster=cluster).select_related("owner"))
    sheets = defaultdict(list)
    # The through table is read even for an empty plan (a prefetch would skip it), so the count
    # of queries is the same for every cluster.
    # Pairs, not model instances: an action may name every sheet, a plan hold thousands of
    # actions (a hundred thousand instances took 14 s).
    links = (Action.sheets.through.objects.filter(action__cluster=cluster)
             .order_by("sheet__order").values_list("action_id", "sheet__number"))
    for action_id, number in links:
        sheets[action_id].append(number)
    return [_row(action, tuple(sheets[action.pk])) for action in actions]


def _row(action: Action, sheets: tuple[str, ...]) -> PlanRow:
    owner = action.owner_name or account_name(action.owner)
    return PlanRow(
        title=action.title, status=action.status, status_label=str(action.get_status_display()),
        sheets=sheets, questions=tuple(action.question_codes), owner=owner,
        starts_on=action.starts_on, due_on=action.due_on, done_on=action.done_on,
        indicator=action.indicator, unit=action.unit, baseline=action.baseline,
        target=action.target, measured=action.measured, notes=action.notes,
        owner_label=owner_text(action.owner, action.owner_name),
    )


def plan_json(rows: list[PlanRow]) -> list[dict]:
    """The `plan` list of the exported JSON (README, « Le fichier JSON »)."""
    return [
        {
            "title": row.title,
            "status": row.status,
            "sheets": list(row.sheets),
            "questions": list(row.questions),
            "owner": row.owner,
            "starts_on": _iso(row.starts_on),
            "due_on": _iso(row.due_on),
            "done_on": _iso(row.done_on),
            "indicator": {
                "name": row.indicator,
                "unit": row.unit,
                "baseline": _number(row.baseline),
                "target": _number(row.target),
                "measured": _number(row.measured),
            },
            "notes": row.notes,
        }
        for row in rows
    ]


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


@dataclass
class PlanForReport:
    """The plan on the report's date `on`: done in the 12 months before, open and on time, late."""

    on: date
    since: date
    done: list[PlanRow] = field(default_factory=list)
    ongoing: list[PlanRow] = field(default_factory=list)
    late: list[PlanRow] = field(default_factory=list)
    left_out: int = 0  # done earlier, or dropped

    @property
    def total(self) -> int:
        return len(self.done) + len(self.ongoing) + len(self.late) + self.left_out


def plan_for_report(rows: list[PlanRow], on: date) -> PlanForReport:
    since = on - timedelta(days=RECENT_DAYS)
    plan = PlanForReport(on=on, since=since)
    for row in rows:
        if row.status == Action.Status.DONE and row.done_on and row.done_on > since:
            plan.done.append(row)
        elif is_late(row, on):
            plan.late.append(row)
        elif row.status in OPEN:
            plan.ongoing.append(row)
        else:
            plan.left_out += 1
    plan.done.sort(key=lambda row: row.done_on, reverse=True)
    return plan
