import json

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from . import presenters, selectors
from .forms import NetworkFilters
from .report import network_pdf


@login_required
@require_safe
def network_list(request):
    return render(request, "network/network_list.html",
                  {"networks": selectors.networks_of(request.user)})


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
               "tables": presenters.tables(page) if page else [],
               "charts": presenters.chart_data(page) if page and page.shown else None,
               "query": request.GET.urlencode()}
    return render(request, "network/network_detail.html", context,
                  status=200 if page else 400)


def _download(request, slug, make, content_type, extension):
    network, form, page = _page(request, slug)
    if page is None:
        return render(request, "network/network_detail.html",
                      {"network": network, "form": form, "page": None}, status=400)
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
