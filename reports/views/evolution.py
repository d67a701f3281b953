from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from clusters.access import membership_for

from ..evolution import evolution_page
from ..years import MAX_YEARS


@login_required
@require_safe
def evolution(request, slug):
    membership = membership_for(request.user, slug)
    page = evolution_page(
        membership,
        shown=request.GET.getlist("annees"),
        before=request.GET.get("de"),
        after=request.GET.get("a"),
    )
    context = {
        **page,
        "membership": membership,
        "cluster": membership.cluster,
        "max_years": MAX_YEARS,
    }
    return render(request, "reports/evolution.html", context)
