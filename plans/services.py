"""Writes of the plan: every change goes through here, checked by plans.rules, kept in history."""

from datetime import date
from decimal import InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from accounts.names import account_name, person_name
from clusters.models import Cluster, Membership
from grid.models import Question
from grid.rules import normalise_text, text_problem
from initiatives.models import PathStep, Sheet

from . import notices, rules
from .axes import plan_axes
from .models import COMMENT_MAX_LENGTH, NOTES_MAX_LENGTH, Action, ActionComment, StepReached

FIELDS = ("title", "owner_name", "starts_on", "due_on", "status", "done_on", "indicator", "unit",
          "baseline", "target", "measured", "notes")


class StaleAction(Exception):
    """Someone saved the action since the revision the writer loaded: their version is kept and
    nothing of the writer's is written. `current` is the action as stored, `revision` the one
    the writer saw."""

    def __init__(self, current: Action, revision: int):
        super().__init__("stale action")
        self.current, self.revision = current, revision


def known_question_codes() -> set[str]:
    return set(Question.objects.values_list("code", flat=True))


def _action_check(*, cluster: Cluster, values: dict, sheets, question_codes, owner,
                  axis=None, kept_axis=None) -> list[Sheet]:
    """Raise a ValidationError saying, by field, what is wrong with an action's values (the
    views show each on its field); `values` gets its numbers parsed. The sheets found, in
    order."""
    not_numbers = {}
    for field in ("baseline", "target", "measured"):
        raw = values.get(field)
        try:
            values[field] = rules.read_number(raw)
        except InvalidOperation:
            not_numbers[field] = [rules.not_a_number(raw)]
            values[field] = None
    sheet_numbers = [getattr(sheet, "number", sheet) for sheet in sheets]
    found = {sheet.number: sheet for sheet in Sheet.objects.filter(
        number__in=[number for number in sheet_numbers if _may_be_a_sheet(number)])}
    problems = rules.action_problems(
        title=values.get("title", ""),
        texts={field: values.get(field, "") for field in rules.TEXT_LIMITS if field != "title"},
        starts_on=values.get("starts_on"), due_on=values.get("due_on"),
        numbers={field: values.get(field) for field in ("baseline", "target", "measured")},
        question_codes=question_codes, known_codes=known_question_codes(),
        sheet_numbers=sheet_numbers, known_sheets=found,
        # The axis it already serves stays allowed, whatever its period.
        axis=axis, known_axes={row.pk for row in plan_axes(cluster, [kept_axis])
                               if row.current or row.pk == kept_axis} if axis else (),
    )
    if owner is not None and not Membership.objects.filter(cluster=cluster, user=owner).exists():
        problems["owner"] = [_("Le responsable doit être membre du pôle.")]
    if values.get("status", Action.Status.PLANNED) not in Action.Status.values:
        problems["status"] = [_("Statut inconnu.")]
    problems |= not_numbers
    if problems:
        raise ValidationError(problems)
    for field in ("baseline", "target", "measured"):  # as the column keeps them (« 0E-1000 »)
        if values[field] is not None:
            values[field] = values[field].quantize(rules.CENT)
    return [found[number] for number in sheet_numbers]


def _may_be_a_sheet(number: object) -> bool:
    """Only what could be a sheet's number is looked for (a NUL in a query is PostgreSQL's
    driver's error, a 500); the others are named unknown."""
    return (isinstance(number, str) and number.isprintable()
            and len(number) <= Sheet._meta.get_field("number").max_length)


def _settle_done_on(action: Action, today: date) -> None:
    # A done action keeps the day it was done (the report counts what was done since last year).
    if action.status == Action.Status.DONE:
        action.done_on = action.done_on or today
    else:
        action.done_on = None


@transaction.atomic
def action_create(*, cluster: Cluster, by, title: str, sheets=(), question_codes=(),
                  owner=None, axis: int | None = None, **fields) -> Action:
    """A new action of `cluster`'s plan. `sheets` are Sheet objects or numbers (« 12 »),
    `question_codes` grid codes (« 2C-3 »), `axis` the id of an axis of the strategy covering
    this year (plans.axes); `fields` are any of FIELDS."""
    values = {"title": title, **fields}
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown action fields: {sorted(unknown)}")
    codes = list(dict.fromkeys(question_codes))
    found = _action_check(cluster=cluster, values=values, sheets=sheets, question_codes=codes,
                         owner=owner, axis=axis)
    action = Action(cluster=cluster, created_by=by, owner=owner, question_codes=codes,
                    axis_id=axis or None,
                    **{field: value.strip() if isinstance(value, str) else value
                       for field, value in values.items()})
    _settle_done_on(action, timezone.localdate())
    action._history_user = by
    action.save()
    action.sheets.set(found)
    return action


@transaction.atomic
def action_update(*, action: Action, by, revision: int | None = None, sheets=None,
                  question_codes=None, owner=..., axis=..., **fields) -> Action:
    """Change `action`; arguments left out keep their value. `revision` is the one the writer
    loaded (the edit form's): if someone saved the action since, StaleAction and nothing
    written. Callers that show no version of the action to anyone leave it out."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown action fields: {sorted(unknown)}")
    locked = Action.objects.select_for_update().get(pk=action.pk)
    if revision is not None and revision != locked.revision:
        raise StaleAction(locked, revision)
    values = {field: getattr(locked, field) for field in FIELDS} | fields
    codes = locked.question_codes if question_codes is None else list(
        dict.fromkeys(question_codes))
    current_sheets = list(locked.sheets.all()) if sheets is None else sheets
    owner = locked.owner if owner is ... else owner
    axis = locked.axis_id if axis is ... else axis or None
    found = _action_check(cluster=locked.cluster, values=values, sheets=current_sheets,
                         question_codes=codes, owner=owner, axis=axis,
                         kept_axis=locked.axis_id)
    for field, value in values.items():
        setattr(locked, field, value.strip() if isinstance(value, str) else value)
    locked.question_codes, locked.owner, locked.axis_id = codes, owner, axis
    if "done_on" not in fields or locked.status != Action.Status.DONE:
        _settle_done_on(locked, timezone.localdate())
    locked.revision += 1
    locked._history_user = by
    locked.save()
    if sheets is not None:
        locked.sheets.set(found)
    return locked


@transaction.atomic
def action_comment_add(*, action: Action, by, text: str) -> ActionComment:
    """Add a comment to the action; a board member's is mailed to the action's owner or the
    team (plans.notices)."""
    text = normalise_text(text)
    problem = text_problem(text, limit=COMMENT_MAX_LENGTH, name=_("le commentaire"))
    if problem:
        raise ValidationError(problem[0].upper() + problem[1:])
    if not text:
        raise ValidationError(_("Le commentaire est vide."))
    comment = ActionComment.objects.create(action=action, by=by, by_name=account_name(by),
                                           text=text)
    notices.action_commented(comment)
    return comment


def _step_problems(reached_on: date | None, note: str) -> list[str]:
    problems = []
    if reached_on is None:
        problems.append(_("Indiquez la date à laquelle l'étape a été atteinte."))
    elif reached_on > timezone.localdate():
        problems.append(_("La date (%(day)s) est dans le futur.") % {
            "day": date_format(reached_on, "SHORT_DATE_FORMAT")})
    problem = text_problem(note, limit=NOTES_MAX_LENGTH, name=pgettext("free text", "la note"))
    if problem:
        problems.append(problem[0].upper() + problem[1:])
    return problems


@transaction.atomic
def step_reach(*, cluster: Cluster, step: PathStep, by, reached_on: date | None,
               note: str = "") -> StepReached:
    """Mark `step` reached by `cluster` (or change the date and note of a step marked)."""
    note = normalise_text(note)
    problems = _step_problems(reached_on, note)
    if problems:
        raise ValidationError(problems)
    row = StepReached.objects.select_for_update().filter(cluster=cluster, step=step).first()
    if row is not None:
        return _step_write(row, reached_on, note, by)
    try:
        with transaction.atomic():  # another first mark of the step may commit first
            return _step_write(StepReached(cluster=cluster, step=step), reached_on, note, by)
    except IntegrityError:
        theirs = StepReached.objects.select_related("by").get(cluster=cluster, step=step)
        raise ValidationError(pgettext(
            "free text",
            "%(who)s vient de marquer cette étape atteinte le %(day)s : votre marque n'a pas "
            "été enregistrée. Changez sa date ou sa note si besoin.") % {
            "who": capfirst(person_name(theirs.by)),
            "day": date_format(theirs.reached_on, "SHORT_DATE_FORMAT")}) from None


def _step_write(row: StepReached, reached_on: date, note: str, by) -> StepReached:
    row.reached_on, row.note, row.by = reached_on, note, by
    row._history_user = by
    row.save()
    return row


@transaction.atomic
def step_unreach(*, cluster: Cluster, step: PathStep, by) -> None:
    """Take back the mark; a step an action done reaches stays reached (it is derived)."""
    for row in StepReached.objects.select_for_update().filter(cluster=cluster, step=step):
        row._history_user = by
        row.delete()
