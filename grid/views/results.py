from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from clusters.models import Membership

from .. import selectors
from ..forms import TransitionForm
from ..presenters import formula, percent, radar_series, section_rows
from ..scoring import ENJEUX


@login_required
@require_safe
def results(request, slug, year):
    membership, assessment = selectors.assessment_for_user(request.user, slug, year)
    page = selectors.results_page(assessment)
    scores = page["scores"]
    axes = [
        (enjeu, percent(scores.axes[enjeu.code]))
        for enjeu in page["enjeux"] if enjeu.code in ENJEUX
    ]
    context = {
        **page,
        "membership": membership,
        "assessment": assessment,
        "cluster": membership.cluster,
        "is_board": membership.role == Membership.Role.BOARD,
        "is_editor": membership.role == Membership.Role.EDITOR,
        "global": percent(scores.global_note),
        "factor": percent(scores.strategy_factor),
        "factor_value": float(scores.strategy_factor or 0),
        "completion": percent(scores.completion),
        "levels": [(level, percent(scores.levels[level])) for level in (1, 2)],
        "axes": axes,
        "sections": section_rows(scores),
        "radars": radar_series(scores),
        "formula": formula(page["spec"], page["answers"], page["custom"], scores),
        "transitions": selectors.transitions(assessment),
        "transition_form": TransitionForm(),
    }
    return render(request, "grid/results.html", context)
