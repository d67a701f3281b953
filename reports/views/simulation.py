"""« Simuler » on the results page: the notes of changed answers (nothing stored), and the
changes turned into planned actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from clusters.access import require_role
from clusters.models import Membership
from grid import selectors as grid_selectors
from grid.scoring import score, scores_to_json

from .. import selectors, services, simulation
from ..plan_links import plan_url
from ..presenters import radar_series
from ..summary import factor_width, note_texts
from .results import results_response


def _changes(request, spec) -> dict[str, str | None]:
    """The changes the request carries (JSON, or form fields), checked; SimulationError
    otherwise."""
    try:
        if int(request.META.get("CONTENT_LENGTH") or 0) > simulation.MAX_BYTES:
            raise simulation.too_large()
        if request.content_type == "application/json":
            raw = simulation.decode_json(request.body)
        else:
            raw = simulation.decode_form(dict(request.POST.lists()))
    except (RequestDataTooBig, TooManyFieldsSent):
        raise simulation.too_large() from None
    except ValueError:  # a Content-Length that is not a number
        raise simulation.SimulationError([_("Requête mal formée.")]) from None
    return simulation.parse_changes(raw, spec)


@login_required
@require_POST
def simulate(request, slug, year):
    """The notes of the stored answers with the posted changes over them (JSON); nothing is
    stored, so every member may simulate, on any year."""
    _membership, assessment = grid_selectors.assessment_for_user(request.user, slug, year)
    spec, stored, custom = grid_selectors.assessment_inputs(assessment)
    try:
        changes = _changes(request, spec)
    except simulation.SimulationError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=400)
    scores = score(spec, simulation.merged(stored, changes), custom)
    scale = grid_selectors.maturity_scale(assessment.campaign.version_id)
    return JsonResponse({
        "scores": scores_to_json(spec.code, scores),
        "radars": radar_series(scores, scale),
        "notes": note_texts(scores, scale),
        "factor_width": factor_width(scores),
    })


@login_required
@require_POST
def simulate_plan(request, slug, year):
    """One planned action per simulated change (the panel's form posts every answer it shows;
    those equal to the stored ones are left out), then the cluster's plan."""
    membership, assessment = grid_selectors.assessment_for_user(request.user, slug, year)
    require_role(membership, Membership.Role.EDITOR)
    spec, stored, _custom = grid_selectors.assessment_inputs(assessment)
    try:
        changes = simulation.plannable(stored, _changes(request, spec))
    except simulation.SimulationError as error:
        return _refused(request, membership, assessment, error.messages)
    if not changes:
        return _refused(request, membership, assessment, [
            _("Aucune réponse simulée ne diffère des réponses enregistrées : aucune action "
              "n'a été créée.")
        ])
    questions = selectors.results_content(assessment.campaign.version).questions
    try:
        actions = services.plan_from_simulation(
            cluster=membership.cluster, by=request.user, changes=changes, questions=questions
        )
    except ValidationError as error:
        return _refused(request, membership, assessment, error.messages)
    messages.success(request, ngettext(
        "%(count)s action prévue a été créée à partir de la simulation.",
        "%(count)s actions prévues ont été créées à partir de la simulation.",
        len(actions),
    ) % {"count": len(actions)})
    return redirect(plan_url(slug))


def _refused(request, membership, assessment, reasons):
    """The results page again, saying why nothing was created."""
    messages.error(request, " ".join(reasons))
    return results_response(request, membership, assessment, status=400)
