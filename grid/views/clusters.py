from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from clusters.access import membership_for, memberships_of, require_role
from clusters.models import Membership

from .. import selectors, services
from ..forms import StartAssessmentForm
from ..presenters import percent, sparkline


@login_required
@require_safe
def cluster_list(request):
    memberships = list(memberships_of(request.user))
    networks = list(request.user.coordinated_networks.all())
    return render(request, "grid/cluster_list.html",
                  {"memberships": memberships, "networks": networks})


@login_required
@require_safe
def cluster_detail(request, slug):
    membership = membership_for(request.user, slug)
    rows = selectors.cluster_overview(membership)
    trend = sparkline([(row.assessment.campaign.year, row.global_value) for row in reversed(rows)])
    context = {
        "membership": membership,
        "cluster": membership.cluster,
        "rows": rows,
        "trend": trend,
        "start_form": StartAssessmentForm(campaigns=selectors.open_campaigns(membership)),
        "percent": percent,
    }
    return render(request, "grid/cluster_detail.html", context)


@login_required
@require_POST
def assessment_start(request, slug):
    membership = membership_for(request.user, slug)
    require_role(membership, Membership.Role.EDITOR)
    form = StartAssessmentForm(request.POST, campaigns=selectors.open_campaigns(membership))
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("grid:cluster-detail", slug=slug)
    try:
        assessment = services.assessment_start(
            cluster=membership.cluster, year=form.cleaned_data["year"], by=request.user,
            prefill=form.cleaned_data["prefill"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("grid:cluster-detail", slug=slug)
    return redirect("grid:grid", slug=slug, year=assessment.campaign.year)
