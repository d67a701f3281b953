"""Submit (staff), validate / return / reopen (board): each a POST that records a transition."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from clusters.access import require_role
from clusters.models import Membership

from .. import selectors, services
from ..forms import TransitionForm
from ..labels import ACTION_LABELS

ACTIONS = {
    "submit": (Membership.Role.EDITOR, services.assessment_submit),
    "validate": (Membership.Role.BOARD, services.assessment_validate),
    "return": (Membership.Role.BOARD, services.assessment_return),
    "reopen": (Membership.Role.BOARD, services.assessment_reopen),
}


@login_required
@require_POST
def transition(request, slug, year, action):
    membership, assessment = selectors.assessment_for_user(request.user, slug, year)
    role, service = ACTIONS[action]
    require_role(membership, role)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(settings.ASSESSMENT_RESULTS_URL, slug=slug, year=year)
    kwargs = {"assessment": assessment, "by": request.user}
    if action != "submit":
        kwargs["comment"] = form.cleaned_data["comment"]
    try:
        service(**kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        target = "grid:grid" if action == "submit" else settings.ASSESSMENT_RESULTS_URL
        return redirect(target, slug=slug, year=year)
    messages.success(request, ACTION_LABELS[action][1])
    return redirect(settings.ASSESSMENT_RESULTS_URL, slug=slug, year=year)
