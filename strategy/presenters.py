"""How a strategy's objectives and axes read on its page (translatable words, no query)."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from initiatives.labels import LEVEL_NAMES

from .forms import number_text
from .models import Axis, Objective
from .selectors import Diagnosis

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
