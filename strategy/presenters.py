"""How a strategy's objectives and axes read on its page (translatable words, no query)."""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

from grid.presenters import percent
from initiatives.labels import LEVEL_NAMES

from .forms import number_text
from .models import Axis, Objective
from .progress import Status
from .selectors import Diagnosis, ObjectiveProgress, StrategyProgress

Kind = Objective.Kind


def objective_text(objective: Objective, enjeux: dict[str, str]) -> str:
    """« Enjeu B · Environnement ≥ 45 % en 2027 », or an indicator's target."""
    values = {"target": number_text(objective.target), "year": objective.year,
              "code": objective.reference}
    if objective.kind == Kind.ENJEU:
        return _("Enjeu %(code)s · %(name)s ≥ %(target)s %% en %(year)s") % {
            **values, "name": enjeux.get(objective.reference, "")}
    if objective.kind == Kind.SECTION:
        return _("Section %(code)s ≥ %(target)s %% en %(year)s") % values
    if objective.kind == Kind.LEVEL:
        return _("Niveau %(code)s · %(name)s ≥ %(target)s %% en %(year)s") % {
            **values, "name": LEVEL_NAMES.get(int(objective.reference), "")}
    if objective.action is None:
        return _("Indicateur d'une action retirée du plan : %(target)s en %(year)s") % values
    return _("« %(action)s » : %(indicator)s à %(target)s %(unit)s en %(year)s") % {
        **values, "action": objective.action.title, "indicator": objective.action.indicator,
        "unit": objective.action.unit}


@dataclass(frozen=True)
class AxisView:
    axis: Axis
    enjeux: list[str]
    levels: list[str]
    sections: list[tuple[str, str, object]]  # code, title, note of the diagnosis's year
    questions: list[tuple[str, str, str]]  # code, text, answer of the diagnosis's year
    objectives: list[str]


def axis_views(axes, diagnosis: Diagnosis, enjeux: dict[str, str]) -> list[AxisView]:
    return [AxisView(
        axis,
        [f"{code} · {enjeux.get(code, '')}" for code in axis.enjeux],
        [str(LEVEL_NAMES.get(level, level)) for level in axis.levels],
        [(code, *diagnosis.sections.get(code, ("", None))) for code in axis.section_codes],
        [(code, *diagnosis.questions.get(code, ("", ""))) for code in axis.question_codes],
        [objective_text(objective, enjeux) for objective in axis.objectives.all()],
    ) for axis in axes]


@dataclass(frozen=True)
class ProgressLine:
    """One objective as the results, evolution and report show it: the status in words (the
    colour only repeats them) and the numbers it rests on."""

    label: str  # objective_text
    status: str  # a Status, for the colour
    words: str  # « en retard sur la trajectoire (attendu 41,0 %, obtenu 37,5 %) »
    value: str  # this year's value
    trend: list[tuple[int, str]]  # (year, value) from the starting value to this year
    starting: str  # where the line starts: « départ 2024 : 35,0 % »


def value_text(value: Fraction | None, item: ObjectiveProgress) -> str:
    """A note to one decimal (41,0 %), an indicator as its target is written, with its unit."""
    if value is None:
        return "—"
    if item.is_note:
        return percent(value / 100)
    text = number_text(Decimal(f"{float(value):.2f}"))
    unit = item.objective.action.unit if item.objective.action else ""
    return f"{text} {unit}".strip()


def progress_words(item: ObjectiveProgress) -> str:
    status, expected, value = item.progress.status, item.progress.expected, item.progress.value
    if status == Status.REACHED:
        return _("atteint")
    if status == Status.ON_TRACK:
        return _("en bonne voie")
    if status == Status.BEHIND:
        return _("en retard sur la trajectoire (attendu %(expected)s, obtenu %(value)s)") % {
            "expected": value_text(expected, item), "value": value_text(value, item)}
    if status == Status.NO_VALUE:
        return _("pas de valeur cette année")
    return _("pas de valeur de départ : trajectoire impossible à tracer")


def progress_lines(progress: StrategyProgress, enjeux: dict[str, str]) -> list[ProgressLine]:
    lines = []
    for item in progress.objectives:
        starting = "" if item.start_year is None else _("départ %(year)s : %(value)s") % {
            "year": item.start_year, "value": value_text(item.start, item)}
        lines.append(ProgressLine(
            objective_text(item.objective, enjeux), item.progress.status, progress_words(item),
            value_text(item.trend[-1][1], item),
            [(year, value_text(value, item)) for year, value in item.trend], starting,
        ))
    return lines
