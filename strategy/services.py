"""Writes of a strategy: every change goes through here, checked by strategy.rules, kept in
history (simple_history on the strategy, its axes and objectives; Decision for the workflow).

The workflow is the year's (grid.services.assessments): the team drafts and submits, the board
approves or returns it with a comment; each step is mailed (strategy.notices). Saving an
approved strategy puts it back to draft: one strategy per period (periods never overlap), so a
second, draft revision beside the approved one would be a second strategy for the same years;
the approved version stays readable in the history and its approval in the decisions, and the
board approves the new text again.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from accounts.names import account_name, person_name
from clusters.models import Cluster, Membership
from grid.models import Question
from grid.rules import BOARD_COMMENT_MAX_LINES, text_problem
from plans.models import Action

from . import notices, rules
from .models import COMMENT_MAX_LENGTH, Axis, Decision, Objective, Strategy

Status = Strategy.Status
EDITABLE = (Status.DRAFT, Status.RETURNED, Status.APPROVED)


def indicator_actions(cluster: Cluster) -> dict[int, Action]:
    """The cluster's actions with an indicator and a target: those an objective may aim at."""
    return {action.pk: action for action in Action.objects.filter(cluster=cluster)
            .exclude(indicator="").exclude(target=None).order_by("title", "pk")}


def _lock(cluster: Cluster) -> None:
    # Two saves at once of periods that would overlap: the second waits and sees the first.
    Cluster.objects.select_for_update().filter(pk=cluster.pk).first()


def _check(*, cluster, strategy, start_year, end_year, responsible, texts, stakeholders,
           axes) -> tuple[int, int]:
    problems = rules.period_problems(start_year, end_year)
    start, end = (None, None) if problems else (rules.year_of(start_year),
                                                rules.year_of(end_year))
    if responsible is None:
        problems.append(_("Nommez le membre du pôle responsable du développement durable."))
    elif not Membership.objects.filter(cluster=cluster, user=responsible).exists():
        problems.append(_("Le responsable du développement durable doit être membre du pôle."))
    problems += rules.strategy_problems(texts=texts, stakeholders=stakeholders)
    known = set(Question.objects.values_list("code", flat=True))
    problems += rules.axes_problems(axes, start=start, end=end, known_questions=known,
                                    actions=indicator_actions(cluster))
    if start is not None:
        overlapping = (Strategy.objects.filter(cluster=cluster, start_year__lte=end,
                                               end_year__gte=start)
                       .exclude(pk=getattr(strategy, "pk", None)).first())
        if overlapping is not None:
            problems.append(_("La période %(new)s chevauche celle de la stratégie "
                              "%(other)s.") % {"new": f"{start}–{end}",
                                               "other": overlapping.period})
    if problems:
        raise ValidationError(problems)
    return start, end


def _record(strategy: Strategy, to_status: str, by, comment: str = "") -> None:
    Decision.objects.create(strategy=strategy, from_status=strategy.status, to_status=to_status,
                            by=by, by_name=account_name(by), comment=comment)
    strategy.status = to_status


@transaction.atomic
def strategy_save(*, cluster: Cluster, by, strategy: Strategy | None = None, start_year,
                  end_year, responsible, process: str = "", stakeholders=(),
                  organisations: str = "", axes: list[rules.AxisInput],
                  revision: int | None = None) -> Strategy:
    """Create the cluster's strategy for a period, or replace `strategy`'s content; nothing
    is written unless everything is valid (ValidationError listing what is not). `revision`
    is the one the writer loaded (the edit form's): if someone saved since, nothing written."""
    _lock(cluster)
    if strategy is not None:
        strategy = Strategy.objects.select_for_update().get(pk=strategy.pk, cluster=cluster)
        if revision is not None and revision != strategy.revision:
            raise ValidationError(_stale(strategy))
        if strategy.status not in EDITABLE:
            raise ValidationError(_("La stratégie est soumise à la gouvernance : elle ne change "
                                    "plus avant sa décision."))
    texts = {"process": rules.clean_text(process),
             "organisations": rules.clean_text(organisations)}
    stakeholders = list(dict.fromkeys(stakeholders))
    start, end = _check(cluster=cluster, strategy=strategy, start_year=start_year,
                        end_year=end_year, responsible=responsible, texts=texts,
                        stakeholders=stakeholders, axes=axes)
    if strategy is None:
        strategy = Strategy(cluster=cluster, created_by=by)
    elif strategy.status == Status.APPROVED:
        _record(strategy, Status.DRAFT, by)
    strategy.start_year, strategy.end_year, strategy.responsible = start, end, responsible
    strategy.stakeholders = stakeholders
    strategy.process, strategy.organisations = texts["process"], texts["organisations"]
    strategy.revision += 1
    strategy._history_user = by
    strategy.save()
    _write_axes(strategy, axes, by)
    return strategy


def _stale(strategy: Strategy) -> str:
    last = strategy.history.select_related("history_user").order_by("-history_date").first()
    return _("%(who)s a modifié cette stratégie le %(when)s, après que vous l'avez ouverte : "
             "vos changements n'ont pas été enregistrés. Rechargez la page pour voir sa version "
             "actuelle, puis refaites-les.") % {
        "who": capfirst(person_name(last.history_user if last else None)),
        "when": formats.date_format(last.history_date if last else strategy.updated_at,
                                    "SHORT_DATETIME_FORMAT")}


def _write_axes(strategy: Strategy, axes: list[rules.AxisInput], by) -> None:
    """Axes and objectives updated in place by their rank, so that the history of each shows
    what changed in it; those beyond the new count are deleted (with their history)."""
    stored = {axis.order: axis for axis in strategy.axes.prefetch_related("objectives")}
    for order, given in enumerate(axes, 1):
        axis = stored.pop(order, None) or Axis(strategy=strategy, order=order)
        axis.title, axis.rationale = given.title.strip(), rules.clean_text(given.rationale)
        axis.enjeux = sorted(set(given.enjeux))
        axis.levels = sorted({int(level) for level in given.levels})
        axis.question_codes = list(dict.fromkeys(given.question_codes))
        axis.section_codes = list(dict.fromkeys(given.section_codes))
        axis._history_user = by
        axis.save()
        objectives = {objective.order: objective for objective in axis.objectives.all()}
        for number, typed in enumerate(given.objectives, 1):
            objective = objectives.pop(number, None) or Objective(axis=axis, order=number)
            kind, reference = rules.split_ref(typed.target_ref)
            objective.kind = kind
            objective.action_id = int(reference) if kind == Objective.Kind.INDICATOR else None
            objective.reference = "" if kind == Objective.Kind.INDICATOR else reference
            objective.target = rules.parse_target(typed.target).quantize(rules.CENT)
            objective.year = rules.year_of(typed.year)
            objective._history_user = by
            objective.save()
        for objective in objectives.values():
            objective._history_user = by
            objective.delete()
    for axis in stored.values():
        axis._history_user = by
        axis.delete()


def _require_status(strategy: Strategy, *allowed: str) -> None:
    if strategy.status not in allowed:
        raise ValidationError(_("Impossible : le statut de cette stratégie %(period)s est "
                                "« %(status)s ».") % {"period": strategy.period,
                                                      "status": strategy.get_status_display()})


def _require_role(strategy: Strategy, by, role: str, message: str) -> None:
    if not Membership.objects.filter(cluster=strategy.cluster_id, user=by, role=role).exists():
        raise ValidationError(message)


def _comment(comment: str) -> str:
    comment = rules.clean_text(comment)
    problem = text_problem(comment, limit=COMMENT_MAX_LENGTH, name=_("Le commentaire"),
                           max_lines=BOARD_COMMENT_MAX_LINES)
    if problem:
        raise ValidationError({"comment": problem})
    return comment


def _locked(strategy: Strategy) -> Strategy:
    return Strategy.objects.select_for_update().get(pk=strategy.pk)


@transaction.atomic
def strategy_submit(*, strategy: Strategy, by) -> Strategy:
    locked = _locked(strategy)
    _require_role(locked, by, Membership.Role.EDITOR,
                  _("Seule l'équipe du pôle soumet la stratégie."))
    _require_status(locked, Status.DRAFT, Status.RETURNED)
    _record(locked, Status.SUBMITTED, by)
    locked._history_user = by
    locked.save(update_fields=["status", "updated_at"])
    notices.strategy_submitted(locked, by)
    return locked


@transaction.atomic
def strategy_approve(*, strategy: Strategy, by, comment: str = "") -> Strategy:
    comment = _comment(comment)
    locked = _locked(strategy)
    _require_role(locked, by, Membership.Role.BOARD,
                  _("Seule la gouvernance du pôle approuve la stratégie."))
    _require_status(locked, Status.SUBMITTED)
    _record(locked, Status.APPROVED, by, comment)
    locked._history_user = by
    locked.save(update_fields=["status", "updated_at"])
    notices.strategy_approved(locked, by, comment)
    return locked


@transaction.atomic
def strategy_return(*, strategy: Strategy, by, comment: str) -> Strategy:
    comment = _comment(comment)
    locked = _locked(strategy)
    _require_role(locked, by, Membership.Role.BOARD,
                  _("Seule la gouvernance du pôle renvoie la stratégie à l'équipe."))
    _require_status(locked, Status.SUBMITTED)
    if not comment:
        raise ValidationError(
            {"comment": _("Dites à l'équipe ce qui est à revoir (commentaire obligatoire).")})
    _record(locked, Status.RETURNED, by, comment)
    locked._history_user = by
    locked.save(update_fields=["status", "updated_at"])
    notices.strategy_returned(locked, by, comment)
    return locked


@transaction.atomic
def strategy_renew(*, previous: Strategy, by) -> Strategy:
    """The next period, as long as `previous`, started as a draft from it: the responsible,
    the consultation and every axis with its objectives, their years moved by the period's
    length (« 2027 » of 2025–2027 becomes « 2030 » of 2028–2030)."""
    length = previous.end_year - previous.start_year + 1
    axes = [
        rules.AxisInput(
            title=axis.title, enjeux=axis.enjeux, levels=axis.levels,
            question_codes=axis.question_codes, section_codes=axis.section_codes,
            rationale=axis.rationale,
            objectives=[rules.ObjectiveInput(
                f"{objective.kind}:{objective.action_id or objective.reference}",
                objective.target, objective.year + length)
                for objective in axis.objectives.all()
                if objective.kind != Objective.Kind.INDICATOR or objective.action_id])
        for axis in previous.axes.prefetch_related("objectives")
    ]
    responsible = previous.responsible
    if responsible is not None and not Membership.objects.filter(
            cluster=previous.cluster_id, user=responsible).exists():
        responsible = None
    if responsible is None:
        raise ValidationError(_("Le responsable de la période précédente n'est plus membre du "
                                "pôle : commencez la nouvelle période à la main."))
    return strategy_save(
        cluster=previous.cluster, by=by, start_year=previous.end_year + 1,
        end_year=previous.end_year + length, responsible=responsible,
        process=previous.process, stakeholders=previous.stakeholders,
        organisations=previous.organisations, axes=axes)
