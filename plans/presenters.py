"""What the plan's pages, the PDF and the XLSX show of an action: its indicator's progress, its
lateness, its owner; and its history, readable."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.http import QueryDict
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from accounts.names import account_name, person_name
from grid.presenters import percent_pattern
from initiatives.models import Sheet

from . import rules
from .axes import PlanAxis
from .models import Action

HIDDEN_FIELDS = {"created_at", "updated_at", "created_by"}
# A save and the setting of its sheets make two records; shown as one change.
SAME_EDIT = timedelta(seconds=5)
HISTORY_PER_PAGE = 20
# Changes are listed in the order of the model's fields (the sheets after them).
FIELD_ORDER = {field.name: order for order, field in enumerate(
    [*Action._meta.concrete_fields, *Action._meta.many_to_many])}


@dataclass(frozen=True)
class Progress:
    """An action's indicator as every page, the PDF and the XLSX show it: its three numbers and
    how far the measured value has gone from the baseline to the target (plans.rules)."""

    baseline: Decimal | None
    target: Decimal | None
    measured: Decimal | None
    unit: str = ""

    @property
    def ratio(self) -> Decimal | None:
        return rules.progress_ratio(self.baseline, self.target, self.measured)

    @property
    def percent(self) -> int | None:
        """As computed, may pass 100 or fall below 0."""
        ratio = self.ratio
        return None if ratio is None else int(round(ratio * 100))

    @property
    def meter(self) -> int | None:
        """The percent bounded to 0–100, for the <progress> element."""
        percent = self.percent
        return None if percent is None else max(0, min(100, percent))

    @property
    def percent_text(self) -> str:
        """The percent as the page's language writes it: « 100 % » in French, « 100% » in
        English; « — » without one."""
        percent = self.percent
        return "—" if percent is None else percent_pattern() % {"number": percent}

    @property
    def text(self) -> str:
        return _("%(baseline)s → %(measured)s / cible %(target)s") % {
            "baseline": number(self.baseline, self.unit),
            "measured": number(self.measured, self.unit),
            "target": number(self.target, self.unit)}


def number(value: Decimal | None, unit: str = "") -> str:
    if value is None:
        return "—"
    shown = number_format(value.normalize() if value == value.to_integral() else value,
                          force_grouping=True)
    return f"{shown} {unit}".strip()


def indicator_progress(action) -> Progress | None:
    """None when the action (an Action or a plans.report.PlanRow) has no indicator values."""
    if action.target is None and action.measured is None and action.baseline is None:
        return None
    return Progress(action.baseline, action.target, action.measured, action.unit)


def owner_text(owner, owner_name: str) -> str:
    """Who is in charge: the member, with the free text beside it (« Élise Martin (Comité
    RSE) »), either alone, or "" for no one."""
    name = account_name(owner)
    if name and owner_name:
        return f"{name} ({owner_name})"
    return name or owner_name


@dataclass(frozen=True)
class ActionFacts:
    """What the plan's pages show of an action beyond its fields, by the rules the PDF and the
    XLSX follow too."""

    progress: Progress | None
    overdue: bool
    done_late: bool
    owner: str


def action_facts(action: Action, today: date | None = None) -> ActionFacts:
    return ActionFacts(indicator_progress(action),
                       rules.is_late(action, today or timezone.localdate()),
                       rules.done_late(action), owner_text(action.owner, action.owner_name))


@dataclass(frozen=True)
class AxisGroup:
    axis: PlanAxis | None  # None: the actions that serve no axis
    rows: list


def axis_groups(rows: list[dict], axes: list[PlanAxis]) -> list[AxisGroup]:
    """The plan's rows (views._row) under their axes, in the axes' order, then those without
    one; an axis without a row is left out."""
    groups = [AxisGroup(axis, [row for row in rows if row["action"].axis_id == axis.pk])
              for axis in axes]
    groups = [group for group in groups if group.rows]
    # With those whose axis was not read (deleted meanwhile): an action is never left out.
    grouped = {group.axis.pk for group in groups}
    rest = [row for row in rows if row["action"].axis_id not in grouped]
    return groups + ([AxisGroup(None, rest)] if rest else [])


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


@dataclass(frozen=True)
class Conflict:
    """What others saved in an action since the version a person loaded."""

    people: list[str]
    at: datetime
    changes: list[Change]


class _Names:
    """The words of a few versions of an action (read with their owner), at two queries
    whatever their number: their sheets, and the sheets' numbers."""

    def __init__(self, records):
        through = Action.history.model.sheets.model  # the versions' sheets (simple_history)
        self.sheets_of = {record.history_id: [] for record in records}
        for history_id, sheet_id in through.objects.filter(
                history_id__in=self.sheets_of).values_list("history_id", "sheet_id"):
            self.sheets_of[history_id].append(sheet_id)
        self.people = {record.owner_id: record.owner
                       for record in records if record.owner is not None}
        # The axis's title (read with the versions); an axis deleted since has none.
        self.axes = {record.axis_id: str(record.axis)
                     for record in records if record.axis is not None}
        self.sheets = dict(Sheet.objects.values_list("pk", "number"))

    def value(self, field: str, value) -> str:
        if value in (None, "", []):
            return "—"
        if field == "status":
            return str(Action.Status(value).label) if value in Action.Status.values else str(value)
        if field == "owner":
            return person_name(self.people.get(value))
        if field == "axis":
            return self.axes.get(value, _("axe supprimé"))
        if field == "sheets":
            return ", ".join(sorted((self.sheets.get(pk, "?") for pk in value),
                                    key=lambda n: (len(n), n)))
        if field == "question_codes":
            return ", ".join(value)
        if isinstance(value, date):
            return date_format(value, "SHORT_DATE_FORMAT")
        if isinstance(value, Decimal):
            return number(value)
        return str(value)

    def changes(self, record, previous) -> list[Change]:
        """What changed from `previous` to `record`, the sheets last."""
        found = [(change.field, change.old, change.new) for change in record.diff_against(
            previous, excluded_fields=HIDDEN_FIELDS | {"sheets"}).changes]
        before = sorted(self.sheets_of[previous.history_id])
        after = sorted(self.sheets_of[record.history_id])
        if before != after:
            found.append(("sheets", before, after))
        found.sort(key=lambda change: FIELD_ORDER[change[0]])
        return [Change(str(Action._meta.get_field(field).verbose_name).capitalize(),
                       self.value(field, old), self.value(field, new))
                for field, old, new in found]


@dataclass(frozen=True)
class PageLink:
    label: str  # the page's number, or « … » for the pages left out
    url: str  # empty for the current page and « … »
    current: bool = False


@dataclass(frozen=True)
class PageLinks:
    """The links of one paged list of a page: to the newer and older items, and to each page
    (the first, the last and those around the current one)."""

    newer: str
    older: str
    pages: list[PageLink]


def page_links(query: QueryDict, page: Page, param: str, anchor: str) -> PageLinks | None:
    """Links to the pages of `page`'s list, keeping the page's other parameters (another list's
    page); None when the list fits on one page."""
    if page.paginator.num_pages <= 1:
        return None

    def url(number: int) -> str:
        kept = query.copy()
        kept[param] = str(number)
        return f"?{kept.urlencode()}#{anchor}"

    pages = [PageLink(str(number), "" if number in (page.number, Paginator.ELLIPSIS)
                      else url(number), number == page.number)
             for number in page.paginator.get_elided_page_range(page.number, on_each_side=2,
                                                                on_ends=1)]
    return PageLinks(url(page.previous_page_number()) if page.has_previous() else "",
                     url(page.next_page_number()) if page.has_next() else "", pages)


def action_history(action: Action, page_number=1) -> tuple[Page, list[HistoryEntry]]:
    """One page of the action's versions, newest first, each with what changed in French
    words, and the page (for its links). Its queries are the same whatever the history's
    length: the count, the page's records with the one before them, and _Names'."""
    versions = action.history.order_by("-history_date", "-history_id")
    page = Paginator(versions, HISTORY_PER_PAGE).get_page(page_number)
    start = (page.number - 1) * HISTORY_PER_PAGE
    # The page's versions and the one before them, which the oldest shown is compared with.
    fetched = list(versions.select_related("history_user", "owner", "axis")
                   [start:start + HISTORY_PER_PAGE + 1])
    shown, earlier = fetched[:HISTORY_PER_PAGE], fetched[HISTORY_PER_PAGE:]
    names = _Names(fetched)
    kinds = {"+": _("création"), "~": _("modification"), "-": _("suppression")}
    sheets_label = str(Action._meta.get_field("sheets").verbose_name).capitalize()
    entries, previous = [], earlier[0] if earlier else None
    for record in reversed(shown):
        changes = names.changes(record, previous) if previous is not None else []
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
    return page, entries[::-1]


def action_conflict(action: Action, revision: int) -> Conflict:
    """Who saved `action` since the version at `revision` that a person loaded, when (the
    last time), and what they changed: each field with its value then and now."""
    seen = (action.history.filter(revision=revision).select_related("owner", "axis")
            .order_by("-history_date", "-history_id").first())
    since = list(action.history.filter(revision__gt=revision)
                 .select_related("history_user", "owner", "axis")
                 .order_by("history_date", "history_id"))
    if not since:  # a revision this action never had: nothing to compare with
        return Conflict([], action.updated_at, [])
    people = list(dict.fromkeys(person_name(record.history_user) for record in since))
    current = since[-1]
    changes = _Names([seen, current]).changes(current, seen) if seen is not None else []
    return Conflict(people, current.history_date, changes)
