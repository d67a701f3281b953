"""The PDF report: the file when it is rendered for the year as it stands, otherwise a page that
says it is being prepared (rendered outside the request, reports.tasks) and looks again."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_POST, require_safe

from grid import selectors as grid_selectors

from .. import selectors, services
from ..models import PreparedReport
from ..report import report_filename

REFRESH_SECONDS = 3


@login_required
@require_safe
def report(request, slug, year):
    membership, assessment = grid_selectors.assessment_for_user(request.user, slug, year)
    language = get_language()
    key = selectors.report_key(assessment, language)
    pdf = selectors.ready_report(assessment, key, language)
    if pdf is None:
        prepared = services.report_requested(assessment, key, language)
        if prepared.status == PreparedReport.Status.READY:  # rendered at once (immediate)
            pdf = selectors.ready_report(assessment, key, language)
    if pdf is not None:
        response = HttpResponse(pdf, content_type="application/pdf")
        # inline: browsers show it; the name is what « save » proposes.
        response["Content-Disposition"] = f'inline; filename="{report_filename(assessment)}"'
        return response
    failed = services.report_gave_up(prepared)
    response = render(request, "reports/report_pending.html", {
        "cluster": membership.cluster, "assessment": assessment, "failed": failed,
        "refresh": None if failed else REFRESH_SECONDS,
    }, status=200 if failed else 202)
    response["Retry-After"] = str(REFRESH_SECONDS)
    return response


@login_required
@require_POST
def report_retry(request, slug, year):
    """Try a failed rendering again, then back to the report's address."""
    _membership, assessment = grid_selectors.assessment_for_user(request.user, slug, year)
    language = get_language()
    services.report_retry(assessment, selectors.report_key(assessment, language), language)
    return redirect("reports:report", slug=slug, year=year)
