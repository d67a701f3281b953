from django.shortcuts import render
from django.views.decorators.http import require_safe

from . import selectors
from .forms import SheetFilterForm


@require_safe
def home(request):
    return render(request, "initiatives/home.html", selectors.home_page())


@require_safe
def matrix(request):
    return render(request, "initiatives/matrix.html", selectors.matrix_sections())


@require_safe
def sheet_list(request):
    form = SheetFilterForm(request.GET or None, choices=selectors.sheet_filter_choices())
    filters = form.cleaned_data if form.is_valid() else {}
    result = selectors.sheet_search(
        enjeu=filters.get("enjeu", ""),
        level=filters.get("level"),
        lever=filters.get("lever", ""),
        sector=filters.get("sector", ""),
        maturity=filters.get("maturity", ""),
        query=filters.get("q", ""),
    )
    context = {"form": form, "result": result, "filtered": bool(filters and any(filters.values()))}
    return render(request, "initiatives/sheet_list.html", context)


@require_safe
def sheet_detail(request, slug):
    return render(request, "initiatives/sheet_detail.html", selectors.sheet_detail(slug))


@require_safe
def path_list(request):
    return render(request, "initiatives/path_list.html", {"paths": selectors.path_list()})


@require_safe
def path_detail(request, slug):
    return render(request, "initiatives/path_detail.html", selectors.path_detail(slug))


@require_safe
def approach(request):
    return render(request, "initiatives/approach.html", selectors.approach_page())
