"""The rules of a strategy, written once: the form's post and the services check here. Pure:
plain values in, French messages out."""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grid.rules import normalise_text, shown, text_problem
from grid.scoring import ENJEUX, LEVELS, SECTIONS
from plans.rules import CENT, NUMBER_LIMIT

from . import models

MIN_AXES, MAX_AXES = 2, 6
MAX_OBJECTIVES = 6  # per axis: a few targets the board can follow, not a dashboard
MAX_PERIOD_YEARS = 10
FIRST_YEAR, LAST_YEAR = 2000, 2100
# No personal contact data where the strategy names who is consulted: organisations, not
# people's addresses (the guide's 2012 cases did print them; DESIGN keeps them out).
EMAIL = re.compile(r"[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+")
# Nine digits or more, maybe in groups (« 06 12 34 56 78 », « +33 6 12… »): a phone number.
PHONE = re.compile(r"(?:\+|\b)\d(?:[\s.\-/]?\d){8,}\b")

TEXT_LIMITS = {
    "process": (models.PROCESS_MAX_LENGTH, gettext_lazy("l'élaboration de la stratégie")),
    "organisations": (models.ORGANISATIONS_MAX_LENGTH, gettext_lazy("les organisations")),
}


@dataclass
class ObjectiveInput:
    """An objective as typed: `target_ref` names what it aims at (« enjeu:B », « section:2B »,
    « level:1 », « action:12 »); `target` and `year` as typed or parsed."""

    target_ref: str
    target: object
    year: object


@dataclass
class AxisInput:
    title: str
    enjeux: list[str] = field(default_factory=list)
    levels: list[object] = field(default_factory=list)
    question_codes: list[str] = field(default_factory=list)
    section_codes: list[str] = field(default_factory=list)
    rationale: str = ""
    objectives: list[ObjectiveInput] = field(default_factory=list)


def contact_problem(text: str, name: str) -> str | None:
    if EMAIL.search(text) or PHONE.search(text):
        return _("%(name)s ne doit contenir ni adresse électronique ni numéro de téléphone : "
                 "nommez des organisations ou des fonctions, pas les coordonnées de personnes."
                 ) % {"name": name}
    return None


def _capital(message: str) -> str:
    return message[0].upper() + message[1:]


def year_of(value: object) -> int | None:
    """A year as typed, or None when it is not a whole number."""
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def period_problems(start: object, end: object) -> list[str]:
    start, end = year_of(start), year_of(end)
    if start is None or end is None:
        return [_("Indiquez la première et la dernière année de la période.")]
    if not (FIRST_YEAR <= start <= LAST_YEAR and FIRST_YEAR <= end <= LAST_YEAR):
        return [_("Les années de la période vont de %(first)s à %(last)s.") % {
            "first": FIRST_YEAR, "last": LAST_YEAR}]
    if end < start:
        return [_("La période finit (%(end)s) avant de commencer (%(start)s).") % {
            "end": end, "start": start}]
    if end - start + 1 > MAX_PERIOD_YEARS:
        return [_("Une période dure %(limit)s ans au plus (celle-ci en compte %(years)s).") % {
            "limit": MAX_PERIOD_YEARS, "years": end - start + 1}]
    return []


def strategy_problems(*, texts: dict[str, str], stakeholders) -> list[str]:
    problems = []
    for name_key, text in texts.items():
        limit, name = TEXT_LIMITS[name_key]
        problem = text_problem(text, limit=limit, name=str(name)) or contact_problem(
            text, str(name))
        if problem:
            problems.append(_capital(problem))
    unknown = [code for code in stakeholders if code not in models.Stakeholder.values]
    if unknown:
        problems.append(_("Catégorie de parties prenantes inconnue : %(codes)s.") % {
            "codes": ", ".join(f"« {shown(code)} »" for code in unknown)})
    return problems


def parse_target(value: object) -> Decimal | None:
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def axes_problems(axes: list[AxisInput], *, start: int | None, end: int | None,
                  known_questions, actions: dict[int, object]) -> list[str]:
    """What is wrong with the axes; `actions` are the cluster's actions with an indicator, by
    id (an objective may aim at one of them only)."""
    problems = []
    if not MIN_AXES <= len(axes) <= MAX_AXES:
        problems.append(_("Une stratégie compte de %(min)s à %(max)s axes (celle-ci en a "
                          "%(count)s).") % {"min": MIN_AXES, "max": MAX_AXES, "count": len(axes)})
    for number, axis in enumerate(axes, 1):
        problems += [_("Axe %(number)s : %(problem)s") % {"number": number, "problem": problem}
                     for problem in _axis_problems(axis, start, end, known_questions, actions)]
    return problems


def _axis_problems(axis: AxisInput, start, end, known_questions, actions) -> list[str]:
    problems = []
    if not axis.title.strip():
        problems.append(_("donnez-lui un intitulé."))
    for text, limit, name in ((axis.title, models.TITLE_MAX_LENGTH, _("l'intitulé")),
                              (axis.rationale, models.RATIONALE_MAX_LENGTH, _("le pourquoi"))):
        problem = text_problem(text, limit=limit, name=name)
        if problem:
            problems.append(problem)
    if not axis.enjeux:
        problems.append(_("choisissez au moins un enjeu."))
    if not axis.levels:
        problems.append(_("choisissez au moins un niveau."))
    unknown = [code for code in axis.enjeux if code not in ENJEUX]
    unknown += [str(level) for level in axis.levels if year_of(level) not in LEVELS]
    unknown += [code for code in axis.section_codes if code not in SECTIONS]
    unknown += [code for code in axis.question_codes if code not in known_questions]
    if unknown:
        problems.append(_("code inconnu : %(codes)s.") % {
            "codes": ", ".join(f"« {shown(code)} »" for code in unknown)})
    if len(axis.objectives) > MAX_OBJECTIVES:
        problems.append(_("%(limit)s objectifs au plus.") % {"limit": MAX_OBJECTIVES})
    for number, objective in enumerate(axis.objectives, 1):
        problems += [_("objectif %(number)s : %(problem)s") % {"number": number,
                                                             "problem": problem}
                     for problem in objective_problems(objective, start, end, actions)]
    return problems


def split_ref(target_ref: str) -> tuple[str, str]:
    kind, _colon, reference = (target_ref or "").partition(":")
    return kind, reference


def objective_problems(objective: ObjectiveInput, start, end, actions) -> list[str]:
    problems = []
    kind, reference = split_ref(objective.target_ref)
    known = {models.Objective.Kind.ENJEU: ENJEUX, models.Objective.Kind.SECTION: SECTIONS,
             models.Objective.Kind.LEVEL: tuple(str(level) for level in LEVELS)}
    if kind == models.Objective.Kind.INDICATOR:
        if year_of(reference) not in actions:
            problems.append(_("l'action choisie n'est pas une action du plan du pôle ayant un "
                              "indicateur."))
    elif kind not in known or reference not in known[kind]:
        problems.append(_("choisissez ce qu'il vise (un enjeu, une section, un niveau ou "
                          "l'indicateur d'une action)."))
    target = parse_target(objective.target)
    if target is None:
        problems.append(_("la cible « %(value)s » n'est pas un nombre.") % {
            "value": shown(str(objective.target or ""))})
    elif kind != models.Objective.Kind.INDICATOR and not 0 <= target <= 100:
        problems.append(_("une note cible est entre 0 et 100 %% (et non %(value)s).") % {
            "value": shown(str(objective.target))})
    elif abs(target) >= NUMBER_LIMIT or target != target.quantize(CENT):
        problems.append(_("la cible « %(value)s » a trop de chiffres (2 décimales au plus).") % {
            "value": shown(str(objective.target))})
    year = year_of(objective.year)
    if year is None:
        problems.append(_("indiquez l'année de l'échéance."))
    elif start is not None and end is not None and not start <= year <= end:
        problems.append(_("l'échéance %(year)s est hors de la période %(start)s–%(end)s.") % {
            "year": year, "start": start, "end": end})
    return problems


def clean_text(text: str) -> str:
    return normalise_text(text or "")
