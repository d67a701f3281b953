"""Downloads of one assessment: the JSON of DESIGN §4 with the cluster's plan (§8), CSV of the
answers, XLSX laid out as the guide's workbook with a tab for the plan."""

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_safe

from grid import selectors as grid_selectors
from grid.models import Assessment
from plans.report import plan_rows

from .. import exports, selectors


@login_required
@require_safe
def export_json(request, slug, year):
    _membership, assessment = grid_selectors.assessment_for_user(request.user, slug, year)
    spec, answers, custom = grid_selectors.assessment_inputs(assessment)
    scores = grid_selectors.assessment_scores(assessment, spec, answers, custom)
    scale = grid_selectors.maturity_scale(assessment.campaign.version_id)
    payload = exports.json_payload(spec.code, answers, custom, plan_rows(assessment.cluster),
                                   scores, scale, grid_selectors.evidence_by_code(assessment))
    response = HttpResponse(
        json.dumps(payload, ensure_ascii=False, indent=2), content_type="application/json"
    )
    return _attachment(response, assessment, "json")


@login_required
@require_safe
def export_csv(request, slug, year):
    _membership, assessment = grid_selectors.assessment_for_user(request.user, slug, year)
    spec, answers, custom = grid_selectors.assessment_inputs(assessment)
    scores = grid_selectors.assessment_scores(assessment, spec, answers, custom)
    scale = grid_selectors.maturity_scale(assessment.campaign.version_id)
    questions, _labels = selectors.export_questions(assessment)
    rows = exports.grid_rows(spec, questions, answers, custom)
    response = HttpResponse(exports.csv_bytes(rows, scores, scale),
                            content_type="text/csv; charset=utf-8")
    return _attachment(response, assessment, "csv")


@login_required
@require_safe
def export_xlsx(request, slug, year):
    _membership, assessment = grid_selectors.assessment_for_user(request.user, slug, year)
    spec, answers, custom = grid_selectors.assessment_inputs(assessment)
    scores = grid_selectors.assessment_scores(assessment, spec, answers, custom)
    questions, labels = selectors.export_questions(assessment)
    rows = exports.grid_rows(spec, questions, answers, custom)
    heading = exports.title(assessment.cluster.name, year, spec.code)
    content = exports.workbook_bytes(heading, rows, labels, scores,
                                     plan_rows(assessment.cluster),
                                     grid_selectors.maturity_scale(assessment.campaign.version_id))
    response = HttpResponse(content, content_type=exports.XLSX_CONTENT_TYPE)
    return _attachment(response, assessment, "xlsx")


def _attachment(response: HttpResponse, assessment: Assessment, extension: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{assessment.file_stem}.{extension}"'
    return response
