"""Reads of the pages that gather several domains for one cluster-year: results and exports."""

from grid.models import Assessment, Question
from grid.scoring import recommendations, suggested_path
from grid.selectors import assessment_inputs, assessment_scores
from initiatives.models import Enjeu, Path, Section, Sheet

from .exports import Labels, QuestionLine


def results_context_objects(codes: list[str], version_id: int) -> dict[str, Question]:
    """Questions (with levers and sheets) for the recommended codes, in one go."""
    return {
        q.code: q
        for q in Question.objects.filter(version_id=version_id, code__in=codes)
        .select_related("section")
        .prefetch_related("levers", "sheets")
    }


def simulation_questions(version_id: int) -> list[tuple[Section, list[Question]]]:
    """The version's questions grouped by section in grid order, for the « Simuler » panel, in
    one query."""
    groups: list[tuple[Section, list[Question]]] = []
    for question in (
        Question.objects.filter(version_id=version_id)
        .select_related("section")
        .order_by("section__order", "order")
    ):
        if not groups or groups[-1][0].pk != question.section_id:
            groups.append((question.section, []))
        groups[-1][1].append(question)
    return groups


def enjeux_and_paths() -> tuple[list[Enjeu], dict[str, Path]]:
    return list(Enjeu.objects.all()), {path.code: path for path in Path.objects.all()}


def results_page(assessment: Assessment, *, limit: int = 8) -> dict:
    spec, answers, custom = assessment_inputs(assessment)
    scores = assessment_scores(assessment, spec, answers, custom)
    gaps = recommendations(spec, answers, limit=limit)
    questions = results_context_objects([gap.code for gap in gaps], assessment.campaign.version_id)
    enjeux, paths = enjeux_and_paths()
    suggestion = suggested_path(scores)
    return {
        "spec": spec,
        "answers": answers,
        "custom": custom,
        "scores": scores,
        "recommendations": [(gap, questions[gap.code]) for gap in gaps],
        "enjeux": enjeux,
        "suggested_path": paths.get(suggestion["path"]),
        "agenda21_first": suggestion["agenda21_first"],
        "agenda21": Sheet.objects.filter(number="+").first(),
    }


def export_questions(assessment: Assessment) -> tuple[list[QuestionLine], Labels]:
    """The version's questions in grid order, and the names of their sections, in one query."""
    questions = (
        Question.objects.filter(version_id=assessment.campaign.version_id)
        .select_related("section__enjeu", "section__level")
        .order_by("section__order", "order")
    )
    lines, sections = [], {}
    for question in questions:
        lines.append(QuestionLine(
            question.code, question.section.code, question.text, question.bareme
        ))
        sections[question.section.code] = question.section
    labels = Labels(
        sections={code: section.title for code, section in sections.items()},
        enjeux={s.enjeu.code: s.enjeu.name for s in sections.values() if s.enjeu},
        levels={s.level.number: s.level.name for s in sections.values() if s.level},
    )
    return lines, labels
