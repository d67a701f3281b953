"""The rules of an action (DESIGN §8), written once: the forms, the JSON and the services check
actions here, and every page, the PDF and the XLSX read lateness and progress from here. Pure:
plain values in, French messages out."""

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from grid.rules import shown, text_problem

from . import models

TEXT_LIMITS = {
    "title": (models.TITLE_MAX_LENGTH, gettext_lazy("l'intitulé")),
    "owner_name": (models.OWNER_MAX_LENGTH, gettext_lazy("le responsable")),
    "indicator": (models.INDICATOR_MAX_LENGTH, gettext_lazy("l'indicateur")),
    "unit": (models.UNIT_MAX_LENGTH, gettext_lazy("l'unité")),
    "notes": (models.NOTES_MAX_LENGTH, pgettext_lazy("free text", "les notes")),
}
OPEN = (models.Action.Status.PLANNED, models.Action.Status.IN_PROGRESS)
# « À échéance »: an open action due within this many days (the editor's home, the reminders).
DUE_SOON = timedelta(days=7)
NUMBER_LIMIT = Decimal("1e12")  # 14 digits, 2 after the point
CENT = Decimal("0.01")  # the columns keep 2 decimals: a number with more is not rounded unsaid


def action_problems(
    *, title: str, texts: dict[str, str], starts_on: date | None, due_on: date | None,
    numbers: dict[str, Decimal | None], question_codes, known_codes, sheet_numbers,
    known_sheets, axis=None, known_axes=(),
) -> dict[str, list[str]]:
    """What is wrong with an action's fields, by field (the names of plans.forms.ActionForm,
    which shows each beside its field); empty when it may be stored. `axis` is one of
    `known_axes` (plans.axes) or empty."""
    problems = defaultdict(list)
    if not title.strip():
        problems["title"].append(_("Donnez un intitulé à l'action."))
    for field, text in {"title": title, **texts}.items():
        limit, name = TEXT_LIMITS[field]
        problem = text_problem(text, limit=limit, name=str(name))
        if problem:
            problems[field].append(problem[0].upper() + problem[1:])
    if starts_on and due_on and due_on < starts_on:
        problems["due_on"].append(_("L'échéance (%(due)s) précède le début (%(start)s).") % {
            "due": date_format(due_on, "SHORT_DATE_FORMAT"),
            "start": date_format(starts_on, "SHORT_DATE_FORMAT")})
    for field, value in numbers.items():
        if value is not None and (not value.is_finite() or abs(value) >= NUMBER_LIMIT):
            problems[field].append(not_a_number(value))
        elif value is not None and value != value.quantize(CENT):
            problems[field].append(
                _("La valeur « %(value)s » a plus de 2 décimales : arrondissez-la.")
                % {"value": shown(str(value))})
    unknown = [code for code in question_codes if code not in known_codes]
    if unknown:
        problems["question_codes"].append(_("Question absente de la grille du pôle : %(codes)s.")
                                          % {"codes": ", ".join(f"« {shown(code)} »"
                                                                for code in unknown)})
    unknown = [number for number in sheet_numbers if number not in known_sheets]
    if unknown:
        problems["sheets"].append(_("Fiche inconnue : %(numbers)s.") % {
            "numbers": ", ".join(f"« {shown(number)} »" for number in unknown)})
    if axis not in (None, "") and axis not in known_axes:
        problems["axis"].append(_("Cet axe n'est pas l'un de ceux de la stratégie du pôle en "
                                  "cours : choisissez-en un dans la liste."))
    return dict(problems)


def read_number(raw: str) -> Decimal | None:
    """A number as typed with a dot (« 1234.5 »); None when blank. InvalidOperation when it is
    not a number."""
    return None if raw in (None, "") else Decimal(str(raw))


def not_a_number(value: object) -> str:
    return _("La valeur « %(value)s » n'est pas un nombre admis.") % {"value": shown(str(value))}


def is_late(action, on: date) -> bool:
    """Open (neither done nor dropped) and past its due date on the day `on`. `action` is an
    Action or anything with its `status` and `due_on` (plans.report.PlanRow)."""
    return action.status in OPEN and action.due_on is not None and action.due_on < on


def done_late(action) -> bool:
    """Done, but after its due date."""
    return (action.status == models.Action.Status.DONE and action.done_on is not None
            and action.due_on is not None and action.done_on > action.due_on)


def progress_ratio(baseline: Decimal | None, target: Decimal | None,
                   measured: Decimal | None) -> Decimal | None:
    """How far the measured value went from the baseline towards the target (1 = reached; may
    pass 1 or fall below 0). Without a baseline the indicator starts from 0; None without a
    target or a measure, or when the target is the start."""
    start = baseline if baseline is not None else Decimal(0)
    if target is None or measured is None or target == start:
        return None
    return (measured - start) / (target - start)
