"""Submit: the team hands a complete grid to the board. The board's steps (validate, return,
reopen) are taken on the year's results page, which shows a refused comment on its field."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from clusters.access import require_role
from clusters.models import Membership

from .. import selectors, services
from ..labels import ACTION_LABELS


@login_required
@require_POST
def submit(request, slug, year):
    membership, assessment = selectors.assessment_for_user(request.user, slug, year)
    require_role(membership, Membership.Role.EDITOR)
    try:
        services.assessment_submit(assessment=assessment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("grid:grid", slug=slug, year=year)
    messages.success(request, ACTION_LABELS["submit"][1])
    return redirect(settings.ASSESSMENT_RESULTS_URL, slug=slug, year=year)
