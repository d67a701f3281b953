import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from clusters import invitations
from clusters.forms import InvitationForm
from clusters.models import Invitation, Network

from . import presenters, selectors
from .forms import NetworkFilters
from .report import network_pdf


@login_required
@require_safe
def network_list(request):
    managed = list(Network.objects.all()) if _manages_networks(request.user) else []
    return render(request, "network/network_list.html",
                  {"networks": selectors.networks_of(request.user), "managed": managed})


def _page(request, slug):
    """The network's year under the filters asked for, or the form with its errors (400)."""
    network = selectors.network_for(request.user, slug)
    form = NetworkFilters(request.GET, years=selectors.counted_years(network))
    if not form.is_valid():
        return network, form, None
    return network, form, selectors.network_year(network, form.cleaned_data["annee"],
                                                 form.segment())


@login_required
@require_safe
def network_detail(request, slug):
    network, form, page = _page(request, slug)
    context = {"network": network, "form": form, "page": page,
               "selects": form.selects(page),
               "tables": presenters.tables(page) if page else [],
               "charts": presenters.chart_data(page) if page and page.shown else None,
               "query": request.GET.urlencode()}
    return render(request, "network/network_detail.html", context,
                  status=200 if page else 400)


def _download(request, slug, make, content_type, extension):
    network, form, page = _page(request, slug)
    if page is None:
        return render(request, "network/network_detail.html",
                      {"network": network, "form": form, "page": None,
                       "selects": form.selects()}, status=400)
    response = HttpResponse(make(page), content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{network.slug}-{page.year or "aucune-annee"}.{extension}"'
    )
    return response


@login_required
@require_safe
def export_csv(request, slug):
    return _download(request, slug, presenters.csv_bytes, "text/csv; charset=utf-8", "csv")


@login_required
@require_safe
def export_json(request, slug):
    def as_json(page):
        return json.dumps(presenters.json_payload(page), ensure_ascii=False, indent=2).encode()
    return _download(request, slug, as_json, "application/json", "json")


@login_required
@require_safe
def export_xlsx(request, slug):
    return _download(request, slug, presenters.workbook_bytes, presenters.XLSX_CONTENT_TYPE,
                     "xlsx")


@login_required
@require_safe
def report_pdf(request, slug):
    return _download(request, slug, network_pdf, "application/pdf", "pdf")


# --- a network's coordinators: content admins invite and remove them ---

COORDINATOR_ROLES = [(Invitation.Role.COORDINATOR.value, Invitation.Role.COORDINATOR.label)]


def _manages_networks(user) -> bool:
    """Content admins allowed to change networks invite and remove their coordinators."""
    return user.is_staff and user.has_perm("clusters.change_network")


def _managed_network(request, slug) -> Network:
    """The network, for a content admin; 403 for anyone else."""
    if not _manages_networks(request.user):
        raise PermissionDenied
    return get_object_or_404(Network, slug=slug)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def coordinators(request, slug):
    network = _managed_network(request, slug)
    form = InvitationForm(request.POST or None, roles=COORDINATOR_ROLES)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                invitation = invitations.invitation_create(target=network, by=request.user,
                                                           **form.cleaned_data)
            except ValidationError as error:
                form.add_error("email", error.messages)
            else:
                messages.success(request, _("Invitation envoyée à %(email)s.")
                                 % {"email": invitation.email})
                return redirect("network:coordinators", slug=slug)
        status = 400
    context = {"network": network, "form": form,
               "people": list(network.coordinators.order_by("last_name", "first_name")),
               "invitations": invitations.pending(network),
               "history": invitations.history(network), "now": timezone.now()}
    return render(request, "network/coordinators.html", context, status=status)


def _admin_change(request, slug, change, done: str):
    network = _managed_network(request, slug)
    try:
        change(network)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("network:coordinators", slug=slug)


@login_required
@require_POST
def coordinator_remove(request, slug, pk):
    def change(network):
        person = get_object_or_404(network.coordinators, pk=pk)
        invitations.coordinator_remove(network=network, user=person, by=request.user)
    return _admin_change(request, slug, change, _("Personne retirée de la coordination."))


@login_required
@require_POST
def coordinator_invitation_resend(request, slug, pk):
    def change(network):
        invitations.invitation_resend(
            invitation=get_object_or_404(Invitation, pk=pk, network=network), by=request.user)
    return _admin_change(request, slug, change,
                         _("Invitation envoyée à nouveau : le nouveau lien vaut 7 jours."))


@login_required
@require_POST
def coordinator_invitation_cancel(request, slug, pk):
    def change(network):
        invitations.invitation_cancel(
            invitation=get_object_or_404(Invitation, pk=pk, network=network), by=request.user)
    return _admin_change(request, slug, change, _("Invitation annulée."))
