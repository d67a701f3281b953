from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from clusters.access import require_role
from clusters.models import Membership
from grid.selectors import assessment_for_user
from reports.report import pdf_bytes

from . import selectors, services
from .forms import FilterForm, PublishForm

# A published page is kept until its key moves (bilans.selectors.public_state); the day bounds
# how long an edit of the guide's content (an enjeu's name) waits to show on it.
CACHE_SECONDS = 24 * 3600
DONE_MESSAGES = {"publish": gettext_lazy("Bilan publié."),
                 "unpublish": gettext_lazy("Bilan retiré de la publication.")}


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, slug, year):
    """The year's bilan for its cluster's members: the board publishes, changes its text or
    withdraws it (POST); the team reads its state."""
    membership, assessment = assessment_for_user(request.user, slug, year)
    bilan = selectors.bilan_of(assessment)
    if request.method != "POST":
        form = PublishForm(initial={"text": bilan.text if bilan else ""})
        return _manage_page(request, membership, assessment, bilan, form)
    require_role(membership, Membership.Role.BOARD)
    form = PublishForm(request.POST)
    if form.is_valid():
        action = form.cleaned_data["action"]
        try:
            if action == "publish":
                services.bilan_publish(assessment=assessment, by=request.user,
                                       text=form.cleaned_data["text"])
            else:
                services.bilan_unpublish(assessment=assessment, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)  # a service's errors by field, or the form's
        else:
            messages.success(request, str(DONE_MESSAGES[action]))
            return redirect("bilans:manage", slug=slug, year=year)
    return _manage_page(request, membership, assessment, bilan, form, status=400)


def _manage_page(request, membership, assessment, bilan, form, status=200):
    return render(request, "bilans/manage.html", {
        "membership": membership, "cluster": membership.cluster, "assessment": assessment,
        "year": assessment.campaign.year, "bilan": bilan, "form": form,
        "is_board": membership.role == Membership.Role.BOARD,
        "can_publish": assessment.status == assessment.Status.VALIDATED,
        "history": selectors.history(bilan),
    }, status=status)


@require_safe
def bilan_list(request):
    form = FilterForm(request.GET)
    return render(request, "bilans/list.html", {
        "form": form, "bilans": selectors.published_bilans(**form.filters()),
        "filtered": any(form.filters().values())})


def _cached(state, suffix: str, make):
    """What `make` returns for the bilan's content, made once per state and language
    (`state.key`), then served from the cache without another query."""
    key = f"{state.key}:{suffix}"
    found = cache.get(key)
    if found is None:
        found = make(selectors.bilan_content(selectors.public_bilan(state.pk)))
        cache.set(key, found, CACHE_SECONDS)
    return found


def _public(view):
    """A published bilan's address: 404 never published, 410 (a page that says so) withdrawn
    or its year reopened; the view gets the state otherwise."""
    @wraps(view)
    def wrapped(request, slug, year):
        state = selectors.public_state(slug, year)
        if state is None:
            raise Http404
        if not state.shown:
            return render(request, "bilans/gone.html", {"year": year}, status=410)
        return view(request, state, slug, year)
    return require_safe(wrapped)


@_public
def public(request, state, slug, year):
    # Only the content is cached: the frame around it (menu, language switch and its CSRF
    # token, messages) is each visitor's.
    page = _cached(state, "page", lambda content: {
        "cluster": content["cluster"].name, "year": year,
        "html": render_to_string("bilans/_content.html", content)})
    return render(request, "bilans/public.html", {"page": page})


@_public
def public_pdf(request, state, slug, year):
    """The bilan's PDF, rendered in the request (two pages, a fraction of a second) and kept
    as the page is."""
    pdf = _cached(state, "pdf", lambda content: pdf_bytes(
        render_to_string("bilans/bilan_pdf.html", content)))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="bilan-{slug}-{year}.pdf"'
    return response
