from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from clusters.access import require_role
from clusters.models import Membership
from grid import selectors as grid_selectors
from grid import services as grid_services
from grid.forms import DecisionForm
from grid.labels import ACTION_LABELS, ANSWER_SHORT_LABELS, BLANK_ANSWER
from grid.rules import answer_values
from grid.scoring import ENJEUX, SECTIONS
from network.presenters import peer_sections
from network.selectors import peer_positions
from plans.selectors import path_position

from .. import selectors
from ..objectives import objectives_block
from ..plan_links import new_action_url
from ..presenters import formula, progress_title, radar_series, radar_titles, shortened
from ..summary import factor_width, note_texts

BOARD_STEPS = {
    "validate": grid_services.assessment_validate,
    "return": grid_services.assessment_return,
    "reopen": grid_services.assessment_reopen,
}


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def results(request, slug, year):
    """The year's notes; for the board, its decision (POST): a refused comment comes back on its
    field with the text typed, a step the status no longer allows is said at the top."""
    membership, assessment = grid_selectors.assessment_for_user(request.user, slug, year)
    if request.method != "POST":
        return results_response(request, membership, assessment)
    require_role(membership, Membership.Role.BOARD)
    form = DecisionForm(request.POST)
    if form.is_valid():
        action = form.cleaned_data["action"]
        try:
            BOARD_STEPS[action](assessment=assessment, by=request.user,
                                comment=form.cleaned_data["comment"])
        except ValidationError as error:
            if not hasattr(error, "error_dict"):  # the status: someone decided meanwhile
                messages.error(request, " ".join(error.messages))
                return redirect("reports:results", slug=slug, year=year)
            form.add_error(None, error)
        else:
            messages.success(request, ACTION_LABELS[action][1])
            return redirect("reports:results", slug=slug, year=year)
    return results_response(request, membership, assessment, decision_form=form, status=400)


def results_response(request, membership, assessment, *, decision_form=None, status=200):
    page = selectors.results_page(assessment)
    scores = page["scores"]
    slug = membership.cluster.slug
    scale = page["maturity"]
    notes = note_texts(scores, scale)
    examples = selectors.recommendation_examples(page["recommendations"])
    context = {
        **page,
        "membership": membership,
        "assessment": assessment,
        "cluster": membership.cluster,
        "is_board": membership.role == Membership.Role.BOARD,
        "is_editor": membership.role == Membership.Role.EDITOR,
        "global": notes["global"],
        "global_maturity": notes["global-maturity"],
        "factor": notes["factor"],
        "factor_width": factor_width(scores),
        "completion": notes["completion"],
        "levels": notes["levels"],
        "axes": [(enjeu, notes[f"axis-{enjeu.code}"])
                 for enjeu in page["enjeux"] if enjeu.code in ENJEUX],
        "sections": [(code, notes[f"section-{code}"]) for code in SECTIONS],
        "radars": radar_series(scores, scale, {enjeu.code: enjeu.short_name
                                                for enjeu in page["enjeux"]}),
        "radar_titles": radar_titles(),
        "formula": formula(page["spec"], page["answers"], page["custom"], scores),
        "transitions": grid_selectors.transitions(assessment),
        "decision_form": decision_form or DecisionForm(),
        "actions": ACTION_LABELS,
        "recommended": [
            {"gap": gap, "question": question, "example": examples.get(question.code),
             "plan_url": new_action_url(
                 slug, code=question.code,
                 sheets=[sheet.number for sheet in question.sheets.all()],
                 title=progress_title(question.code, question.text))}
            for gap, question in page["recommendations"]
        ],
        # The legend of the origin markers, when a recommended question bears one.
        "recommended_marked": any(question.text_origin.reconstructed
                                  for _gap, question in page["recommendations"]),
        "objectives": objectives_block(
            membership.cluster, assessment.campaign.year,
            {enjeu.code: enjeu.short_name for enjeu in page["enjeux"]}, scores=scores),
        "peers": peer_sections(
            peer_positions(membership.cluster, assessment.campaign.year, scores)),
        "path_position": page["suggested_path"]
        and path_position(membership.cluster, page["suggested_path"].code),
        # Called by the template only when its cached fragment is missing.
        "simulation": lambda: _simulation_panel(page["sections"]),
        "simulation_saved": {code: value.answer or "" for code, value in page["answers"].items()},
        "simulation_texts": _simulation_texts(
            reverse("reports:simulate", args=[slug, assessment.campaign.year])
        ),
    }
    return render(request, "reports/results.html", context, status=status)


def _simulation_panel(sections) -> list[dict]:
    """The « Simuler » panel: each section's questions with their choices (the same for every
    cluster: its script sets the stored answers)."""
    def choices(section_code):
        values = answer_values(section_code)
        return [("", f"— {BLANK_ANSWER}")] + [
            (value, f"{value} · {ANSWER_SHORT_LABELS[value]}") for value in values
        ]

    panel = []
    for section, questions in sections:
        section_choices = choices(section.code)
        panel.append({"section": section, "questions": [
            {"code": q.code, "text": shortened(q.text, 110), "choices": section_choices}
            for q in questions
        ]})
    return panel


def _simulation_texts(url: str) -> dict:
    """The words and address of the panel's script (static/js/simulate.js)."""
    return {
        "url": url,
        "announce": _("Simulation : note globale %(new)s (au lieu de %(old)s)"),
        "gauge": _("Facteur de stratégie F : %(factor)s"),
        "reset": _("Réponses enregistrées affichées de nouveau."),
        "error": _("Simulation impossible :"),
        "offline": _("Simulation impossible : le serveur ne répond pas."),
        # The radars' legend while simulating: the saved shape stays faintly behind.
        "traces": {"saved": _("enregistré"), "simulated": _("simulé")},
    }
