"""Reads of the pages that gather several domains for one cluster-year: results and exports."""

import hashlib
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Subquery
from django.utils import timezone

from experiences.models import Experience
from experiences.selectors import examples_of_questions
from grid.layout import rendered_once
from grid.maturity import Scale
from grid.models import (
    Answer,
    Assessment,
    CustomAnswer,
    Evidence,
    GridVersion,
    Question,
    Transition,
)
from grid.scoring import GridSpec, recommendations, suggested_path
from grid.selectors import assessment_rows, assessment_scores, maturity_scale
from grid.specs import grid_spec
from initiatives.kept import content_stamp
from initiatives.models import Enjeu, Path, Section, Sheet
from plans.models import Action
from strategy.models import Strategy

from .exports import Labels, QuestionLine
from .models import ArchivedReport, PreparedReport


@dataclass(frozen=True)
class ResultsContent:
    """What the results and the report show of a grid version and of the guide: the same for
    every cluster, read once per process (grid.layout.rendered_once) and again after an edit."""

    spec: GridSpec
    questions: dict[str, Question]  # by code, with their levers and sheets
    sections: list[tuple[Section, list[Question]]]  # the same questions by section, grid order
    enjeux: list[Enjeu]
    paths: dict[str, Path]
    agenda21: Sheet | None
    maturity: Scale  # the version's maturity levels, lowest first


def results_content(version: GridVersion) -> ResultsContent:
    return rendered_once("results", version, lambda: _results_content(version))


def _results_content(version: GridVersion) -> ResultsContent:
    questions = list(
        Question.objects.filter(version=version)
        .select_related("section", "anchor_sheet").prefetch_related("levers", "sheets")
        .order_by("section__order", "order")
    )
    sections: list[tuple[Section, list[Question]]] = []
    for question in questions:
        if not sections or sections[-1][0].pk != question.section_id:
            sections.append((question.section, []))
        sections[-1][1].append(question)
    return ResultsContent(
        spec=grid_spec(version),
        questions={question.code: question for question in questions},
        sections=sections,
        enjeux=list(Enjeu.objects.all()),
        paths={path.code: path for path in Path.objects.all()},
        agenda21=Sheet.objects.filter(number="+").first(),
        maturity=maturity_scale(version.pk),
    )


def results_page(assessment: Assessment, *, limit: int = 8) -> dict:
    content = results_content(assessment.campaign.version)
    rows = assessment_rows(assessment)
    answers, custom = rows.answers, rows.custom_rows
    scores = assessment_scores(assessment, content.spec, answers, custom)
    gaps = recommendations(content.spec, answers, limit=limit)
    suggestion = suggested_path(scores)
    return {
        "spec": content.spec,
        "answers": answers,
        "custom": custom,
        "scores": scores,
        "recommendations": [(gap, content.questions[gap.code]) for gap in gaps],
        "enjeux": content.enjeux,
        "suggested_path": content.paths.get(suggestion["path"]),
        "agenda21_first": suggestion["agenda21_first"],
        "agenda21": content.agenda21,
        "sections": content.sections,
        "maturity": content.maturity,
    }


def recommendation_examples(recommendations) -> dict[str, Experience]:
    """For each recommended question, one experience that illustrates it, when there is one."""
    return examples_of_questions({
        question.code: [sheet.pk for sheet in question.sheets.all()]
        for _gap, question in recommendations
    })


def export_questions(assessment: Assessment) -> tuple[list[QuestionLine], Labels]:
    """The version's questions in grid order, and the names of their sections, in one query."""
    questions = (
        Question.objects.filter(version_id=assessment.campaign.version_id)
        .select_related("section__enjeu", "section__level", "anchor_sheet")
        .order_by("section__order", "order")
    )
    lines, sections = [], {}
    for question in questions:
        lines.append(QuestionLine(
            question.code, question.section.code, question.text, question.bareme,
            question.text_origin,
        ))
        sections[question.section.code] = question.section
    labels = Labels(
        sections={code: section.title for code, section in sections.items()},
        enjeux={s.enjeu.code: s.enjeu.name for s in sections.values() if s.enjeu},
        levels={s.level.number: s.level.label for s in sections.values() if s.level},
    )
    return lines, labels


# --- PDF reports rendered outside the request ---


@dataclass(frozen=True)
class ReportKey:
    """What a PDF report is kept under: a validated year's validation (its ArchivedReport), or
    a digest of everything an open year's report prints (its PreparedReport)."""

    state: str
    validation_id: int | None = None


def report_key(assessment: Assessment, language: str) -> ReportKey:
    """The key of the assessment's report as it stands, in `language`; two queries at most.

    An open year's report prints its answers and their evidence, its steps, the cluster's plan,
    strategy and earlier years, the cluster's name and logo, the guide's content, and the day it
    is printed on: any change of these gives another key, so a report of an earlier state is
    never served. (The peers' box plots are the exception: they are read on the day the report is
    first rendered.)"""
    if assessment.status == Assessment.Status.VALIDATED:
        validation = (Transition.objects.filter(assessment=assessment,
                                                to_status=Assessment.Status.VALIDATED)
                      .order_by("-at", "-pk").values_list("pk", flat=True).first())
        return ReportKey(f"validated:{validation}:{language}", validation)

    def latest(queryset, field="updated_at"):
        return Subquery(queryset.order_by(f"-{field}").values(field)[:1])

    own = OuterRef("pk")
    cluster = OuterRef("cluster")
    state = Assessment.objects.filter(pk=assessment.pk).annotate(
        answers_at=latest(Answer.objects.filter(assessment=own)),
        custom_at=latest(CustomAnswer.objects.filter(assessment=own)),
        step=latest(Transition.objects.filter(assessment=own), "pk"),
        plan_at=latest(Action.objects.filter(cluster=cluster)),
        plan_size=Subquery(Action.objects.filter(cluster=cluster).order_by().values("cluster")
                           .annotate(n=Count("pk")).values("n")),
        years_at=latest(Assessment.objects.filter(cluster=cluster)),
        # The strategy's objectives are printed: its edits and approval move this.
        strategy_at=latest(Strategy.objects.filter(cluster=cluster)),
        # Evidence added moves the latest; evidence removed, the count.
        evidence_at=latest(Evidence.objects.filter(answer__assessment=own), "added_at"),
        evidence_size=Subquery(Evidence.objects.filter(answer__assessment=own).order_by()
                               .values("answer__assessment").annotate(n=Count("pk"))
                               .values("n")),
    ).values_list("status", "updated_at", "answers_at", "custom_at", "step", "plan_at",
                  "plan_size", "years_at", "strategy_at", "evidence_at", "evidence_size",
                  "cluster__name", "cluster__logo").get()
    parts = (*state, content_stamp(), timezone.localdate(), language)
    return ReportKey(hashlib.sha256(repr(parts).encode()).hexdigest())


def ready_report(assessment: Assessment, key: ReportKey, language: str) -> bytes | None:
    """The report's file when it is rendered for this key, else None: a validated year's from
    its archive (one query), or, as other years', from its rendering (a second query when the
    archive could not be written)."""
    if key.validation_id is not None:
        pdf = (ArchivedReport.objects.filter(validation_id=key.validation_id, language=language)
               .values_list("pdf", flat=True).first())
        if pdf is not None:
            return bytes(pdf)
    pdf = PreparedReport.objects.filter(
        assessment=assessment, language=language, state=key.state,
        status=PreparedReport.Status.READY, pdf__isnull=False,
    ).values_list("pdf", flat=True).first()
    return None if pdf is None else bytes(pdf)
