from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from clusters.models import Membership
from grid import selectors as grid_selectors
from grid.forms import TransitionForm
from grid.labels import ACTION_LABELS
from grid.presenters import percent
from grid.scoring import ENJEUX

from .. import selectors
from ..presenters import formula, radar_series, radar_titles, section_rows


@login_required
@require_safe
def results(request, slug, year):
    membership, assessment = grid_selectors.assessment_for_user(request.user, slug, year)
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
        # Preformatted: a template would print a French decimal comma, which SVG does not read.
        "factor_width": f"{float(scores.strategy_factor or 0) * 100:.1f}",
        "completion": percent(scores.completion),
        "levels": [(level, percent(scores.levels[level])) for level in (1, 2)],
        "axes": axes,
        "sections": section_rows(scores),
        "radars": radar_series(scores),
        "radar_titles": radar_titles(),
        "formula": formula(page["spec"], page["answers"], page["custom"], scores),
        "transitions": grid_selectors.transitions(assessment),
        "transition_form": TransitionForm(),
        "actions": ACTION_LABELS,
    }
    return render(request, "reports/results.html", context)
