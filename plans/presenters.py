"""What the plan's pages show of an action: its indicator's progress and its history, readable."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from accounts.names import person_name
from grid.presenters import percent_pattern
from initiatives.models import Sheet

from .models import Action

HIDDEN_FIELDS = {"created_at", "updated_at", "created_by"}
# A save and the setting of its sheets make two records; shown as one change.
SAME_EDIT = timedelta(seconds=5)


@dataclass(frozen=True)
class Progress:
    """How far the measured value has gone from the baseline to the target."""

    percent: int | None  # as computed, may pass 100 or fall below 0
    meter: int | None  # the same, bounded to 0–100 for the <progress> element
    text: str

    @property
    def percent_text(self) -> str:
        """The percent as the page's language writes it: « 100 % » in French, « 100% » in
        English."""
        return "" if self.percent is None else percent_pattern() % {"number": self.percent}


def number(value: Decimal | None, unit: str = "") -> str:
    if value is None:
        return "—"
    shown = number_format(value.normalize() if value == value.to_integral() else value,
                          force_grouping=True)
    return f"{shown} {unit}".strip()


def indicator_progress(action: Action) -> Progress | None:
    """None when the action has no indicator values; a percent when the numbers allow one."""
    baseline, target, measured = action.baseline, action.target, action.measured
    if target is None and measured is None and baseline is None:
        return None
    start = baseline if baseline is not None else Decimal(0)
    text = _("%(baseline)s → %(measured)s / cible %(target)s") % {
        "baseline": number(baseline, action.unit), "measured": number(measured, action.unit),
        "target": number(target, action.unit)}
    if target is None or measured is None or target == start:
        return Progress(None, None, text)
    percent = int(round((measured - start) / (target - start) * 100))
    return Progress(percent, max(0, min(100, percent)), text)


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    at: object
    by: str
    kind: str  # « création », « modification », « suppression »
    changes: list[Change]
    user_id: int | None


def _value(field: str, value, people: dict, sheets: dict) -> str:
    if value in (None, "", []):
        return "—"
    if field == "status":
        return str(Action.Status(value).label) if value in Action.Status.values else str(value)
    if field == "owner":
        return person_name(people.get(value))
    if field == "sheets":
        return ", ".join(sorted((sheets.get(row["sheet"], "?") for row in value),
                                key=lambda n: (len(n), n)))
    if field == "question_codes":
        return ", ".join(value)
    if isinstance(value, date):
        return date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, Decimal):
        return number(value)
    return str(value)


def action_history(action: Action) -> list[HistoryEntry]:
    """The versions of the action, newest first, each with what changed and in French words."""
    records = list(action.history.select_related("history_user").order_by("history_date",
                                                                              "history_id"))
    ids = {r.owner_id for r in records if r.owner_id}
    people = {user.pk: user for user in get_user_model().objects.filter(pk__in=ids)}
    sheets = dict(Sheet.objects.values_list("pk", "number"))
    kinds = {"+": _("création"), "~": _("modification"), "-": _("suppression")}
    sheets_label = str(Action._meta.get_field("sheets").verbose_name).capitalize()
    entries, previous = [], None
    for record in records:
        changes = []
        if previous is not None:
            for change in record.diff_against(previous, excluded_fields=HIDDEN_FIELDS).changes:
                label = str(Action._meta.get_field(change.field).verbose_name)
                changes.append(Change(label.capitalize(),
                                      _value(change.field, change.old, people, sheets),
                                      _value(change.field, change.new, people, sheets)))
        last = entries[-1] if entries else None
        if (last is not None and record.history_type == "~" and changes
                and all(change.field == sheets_label for change in changes)
                and last.user_id == record.history_user_id
                and record.history_date - last.at < SAME_EDIT):
            last.changes.extend(changes)  # the sheets are set just after the fields are saved
        elif previous is None or changes or record.history_type != "~":
            entries.append(HistoryEntry(record.history_date, person_name(record.history_user),
                                        kinds[record.history_type], changes,
                                        record.history_user_id))
        previous = record
    return entries[::-1]
