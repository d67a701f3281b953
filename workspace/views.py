"""A person's clusters and a cluster's page: they compose clusters, grid, plans and reports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from clusters.access import membership_for, memberships_of, require_role
from clusters.forms import ClusterProfileForm
from clusters.models import Membership
from clusters.services import cluster_profile_update
from grid import selectors, services
from grid.forms import StartAssessmentForm
from grid.presenters import percent, sparkline


@login_required
@require_safe
def cluster_list(request):
    memberships = list(memberships_of(request.user))
    networks = list(request.user.coordinated_networks.all())
    return render(request, "workspace/cluster_list.html",
                  {"memberships": memberships, "networks": networks})


@login_required
@require_safe
def cluster_detail(request, slug):
    membership = membership_for(request.user, slug)
    rows = selectors.cluster_overview(membership)
    returns = selectors.last_returns([row.assessment for row in rows])
    trend = sparkline([(row.assessment.campaign.year, row.global_value) for row in reversed(rows)])
    cluster = membership.cluster
    profile = (cluster.get_kind_display(), cluster.get_region_display(), cluster.get_size_display())
    context = {
        "membership": membership,
        "cluster": cluster,
        "profile_summary": " · ".join(str(part) for part in profile if part),
        "rows": rows,
        "is_editor": membership.role == Membership.Role.EDITOR,
        "returns": [
            (row.assessment, step) for row in rows
            if (step := returns.get(row.assessment.pk))
        ],
        "trend": trend,
        "start_form": StartAssessmentForm(campaigns=selectors.open_campaigns(membership)),
        "percent": percent,
    }
    return render(request, "workspace/cluster_detail.html", context)


@login_required
@require_POST
def assessment_start(request, slug):
    membership = membership_for(request.user, slug)
    require_role(membership, Membership.Role.EDITOR)
    form = StartAssessmentForm(request.POST, campaigns=selectors.open_campaigns(membership))
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("workspace:cluster-detail", slug=slug)
    try:
        assessment = services.assessment_start(
            cluster=membership.cluster, year=form.cleaned_data["year"], by=request.user,
            prefill=form.cleaned_data["prefill"],
        )
    except services.AssessmentExists as exists:  # started by someone else a moment ago: theirs
        messages.info(request, " ".join(exists.messages))
        assessment = exists.assessment
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("workspace:cluster-detail", slug=slug)
    return redirect("grid:grid", slug=slug, year=assessment.campaign.year)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def cluster_profile(request, slug):
    """The cluster's profile: its staff change it, its board reads it (DESIGN §8)."""
    membership = membership_for(request.user, slug)
    cluster = membership.cluster
    is_editor = membership.role == Membership.Role.EDITOR
    status = 200
    if request.method == "POST":
        require_role(membership, Membership.Role.EDITOR)
        form = ClusterProfileForm(request.POST)
        if form.is_valid():
            try:
                cluster_profile_update(cluster=cluster, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("Profil du pôle enregistré."))
                return redirect("workspace:cluster-detail", slug=slug)
        status = 400
    else:
        form = ClusterProfileForm(initial=ClusterProfileForm.initial_of(cluster))
    context = {"membership": membership, "cluster": cluster, "form": form,
               "is_editor": is_editor, "sectors": list(cluster.sectors.all())}
    return render(request, "workspace/cluster_profile.html", context, status=status)
