"""Spreadsheet downloads of one assessment: CSV of the answers, XLSX laid out as the guide's."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_safe

from .. import exports, selectors
from ..models import Assessment


@login_required
@require_safe
def export_csv(request, slug, year):
    _membership, assessment = selectors.assessment_for_user(request.user, slug, year)
    spec, answers, custom = selectors.assessment_inputs(assessment)
    questions, _labels = selectors.export_questions(assessment)
    rows = exports.grid_rows(spec, questions, answers, custom)
    response = HttpResponse(exports.csv_bytes(rows), content_type="text/csv; charset=utf-8")
    return _attachment(response, assessment, "csv")


@login_required
@require_safe
def export_xlsx(request, slug, year):
    _membership, assessment = selectors.assessment_for_user(request.user, slug, year)
    spec, answers, custom = selectors.assessment_inputs(assessment)
    scores = selectors.assessment_scores(assessment, spec, answers, custom)
    questions, labels = selectors.export_questions(assessment)
    rows = exports.grid_rows(spec, questions, answers, custom)
    heading = exports.title(assessment.cluster.name, year, spec.code)
    content = exports.workbook_bytes(heading, rows, labels, scores)
    response = HttpResponse(content, content_type=exports.XLSX_CONTENT_TYPE)
    return _attachment(response, assessment, "xlsx")


def _attachment(response: HttpResponse, assessment: Assessment, extension: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{assessment.file_stem}.{extension}"'
    return response
