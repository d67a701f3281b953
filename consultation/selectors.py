"""Reads of a consultation: the questions it asks, and its results beside the team's answers, in
a number of queries that does not grow with the questions or the respondents."""

from dataclasses import dataclass

from grid.models import Question
from grid.selectors import assessment_rows
from grid.specs import grid_spec
from initiatives.models import Enjeu, Section

from .models import Consultation
from .results import Respondent, Results, results


@dataclass(frozen=True)
class AskedQuestion:
    code: str
    text: str
    section: str
    section_title: str


def consultation_of(assessment) -> Consultation | None:
    return Consultation.objects.filter(assessment=assessment).first()


def asked_questions(consultation: Consultation) -> list[AskedQuestion]:
    return [AskedQuestion(*row) for row in
            Question.objects.filter(version_id=consultation.assessment.campaign.version_id,
                                    section__code__in=consultation.section_codes)
            .order_by("order").values_list("code", "text", "section__code", "section__title")]


def section_titles() -> dict[str, str]:
    return dict(Section.objects.values_list("code", "title"))


def enjeu_names() -> dict[str, str]:
    return dict(Enjeu.objects.values_list("code", "short_name"))


def consultation_results(consultation: Consultation) -> Results:
    assessment = consultation.assessment
    respondents = [Respondent(pk, category, answers, comment) for pk, category, answers, comment
                   in consultation.responses.order_by("pk")
                   .values_list("pk", "category", "answers", "comment")]
    return results(grid_spec(assessment.campaign.version), consultation.section_codes,
                   assessment_rows(assessment).answers, respondents)
