"""Reads of a cluster's strategies, scoped by the membership the view got from clusters.access:
each page reads a fixed number of queries whatever the number of axes and objectives."""

from dataclasses import dataclass
from fractions import Fraction
from itertools import chain

from django.http import Http404
from django.utils import timezone

from accounts.names import person_name
from clusters.models import Cluster, Membership
from grid.labels import answer_short_label
from grid.models import Assessment, GridVersion, Question
from grid.selectors import assessment_rows, assessment_scores
from grid.specs import grid_spec
from initiatives.labels import LEVEL_NAMES
from initiatives.models import Enjeu, Section

from .models import Axis, Objective, Strategy

HISTORY_COUNT = 15


def strategies_of(cluster: Cluster) -> list[Strategy]:
    return list(Strategy.objects.filter(cluster=cluster).order_by("-start_year"))


def chosen(strategies: list[Strategy], start_year: int | None) -> Strategy | None:
    """The strategy of the page: the one starting `start_year` (404 if none), else the one
    covering this year, else the latest."""
    if start_year is not None:
        found = next((s for s in strategies if s.start_year == start_year), None)
        if found is None:
            raise Http404
        return found
    year = timezone.localdate().year
    return next((s for s in strategies if s.start_year <= year <= s.end_year),
                strategies[0] if strategies else None)


def strategy_detail(strategy: Strategy) -> Strategy:
    """The strategy with its responsible, axes and objectives (and their actions) loaded."""
    return (Strategy.objects.select_related("responsible")
            .prefetch_related("axes__objectives__action").get(pk=strategy.pk))


def members(cluster: Cluster):
    return (Membership.objects.filter(cluster=cluster).select_related("user")
            .order_by("user__last_name", "user__first_name", "user__username"))


@dataclass(frozen=True)
class Diagnosis:
    """What an axis's « why » is chosen from: the questions of the cluster's latest year (of
    the latest grid version when it has none) with that year's answers and section notes."""

    year: int | None
    questions: dict[str, tuple[str, str]]  # code → (text, answer)
    sections: dict[str, tuple[str, Fraction | None]]  # code → (title, note)


def diagnosis(cluster: Cluster) -> Diagnosis:
    latest = (Assessment.objects.filter(cluster=cluster).select_related("campaign__version")
              .order_by("-campaign__year").first())
    version = latest.campaign.version if latest else GridVersion.objects.order_by(
        "-created_at").first()
    answers, notes = {}, {}
    if latest is not None:
        spec = grid_spec(version)
        rows = assessment_rows(latest)
        answers = rows.answers
        notes = assessment_scores(latest, spec, rows.answers, rows.custom_rows).sections
    questions = {
        code: (text, answer_short_label(answers[code].answer) if code in answers else "")
        for code, text in Question.objects.filter(version=version)
        .order_by("section__order", "order").values_list("code", "text")
    }
    sections = {code: (title, notes.get(code))
                for code, title in Section.objects.exclude(code="S").values_list("code", "title")}
    return Diagnosis(latest.campaign.year if latest else None, questions, sections)


def enjeu_names() -> dict[str, str]:
    return dict(Enjeu.objects.values_list("code", "short_name"))


def level_names() -> dict[int, str]:
    return {number: str(name) for number, name in LEVEL_NAMES.items()}


@dataclass(frozen=True)
class Change:
    at: object
    who: str
    what: str  # the model's name
    label: str  # the row's (« Axe 2 · Réduire… »)
    kind: str  # "+", "~", "-"


def history(strategy: Strategy) -> list[Change]:
    """The latest changes of the strategy, its axes and objectives, newest first: three
    queries, whatever the history's length."""
    records = chain(
        ((record, Strategy._meta.verbose_name, strategy.period)
         for record in Strategy.history.filter(id=strategy.pk).select_related("history_user")
         .order_by("-history_date")[:HISTORY_COUNT]),
        ((record, Axis._meta.verbose_name, record.title)
         for record in Axis.history.filter(strategy_id=strategy.pk)
         .select_related("history_user").order_by("-history_date")[:HISTORY_COUNT]),
        ((record, Objective._meta.verbose_name,
          f"{record.get_kind_display()} {record.reference}".strip())
         # By the axes' ids in their history: an objective of a deleted axis is listed too.
         for record in Objective.history.filter(
             axis_id__in=Axis.history.filter(strategy_id=strategy.pk).values("id"))
         .select_related("history_user").order_by("-history_date")[:HISTORY_COUNT]),
    )
    changes = [Change(record.history_date, person_name(record.history_user), str(what), label,
                      record.history_type) for record, what, label in records]
    return sorted(changes, key=lambda change: change.at, reverse=True)[:HISTORY_COUNT]
