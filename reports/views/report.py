from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_safe

from grid import selectors

from ..report import report_filename
from ..services import report_for


@login_required
@require_safe
def report(request, slug, year):
    _membership, assessment = selectors.assessment_for_user(request.user, slug, year)
    response = HttpResponse(report_for(assessment), content_type="application/pdf")
    # inline: browsers show it; the name is what « save » proposes.
    response["Content-Disposition"] = f'inline; filename="{report_filename(assessment)}"'
    return response
