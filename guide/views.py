from django.shortcuts import render
from django.views.decorators.http import require_safe

from initiatives import selectors as initiatives
from initiatives.selectors import sheet_filter_choices

from . import selectors
from .forms import SheetFilterForm


@require_safe
def home(request):
    """The home page for visitors: it leads to the guide's sheets, paths and glossary (pages above
    content). Served at `/` by workspace.views.home, which shows a logged-in person their own."""
    return render(request, "guide/home.html", initiatives.home_page())


@require_safe
def sheet_list(request):
    form = SheetFilterForm(request.GET or None, choices=sheet_filter_choices())
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
    return render(request, "guide/sheet_list.html", context)


@require_safe
def sheet_detail(request, slug):
    return render(request, "guide/sheet_detail.html", selectors.sheet_page(request.user, slug))


@require_safe
def path_list(request):
    return render(request, "guide/path_list.html", {"paths": initiatives.path_list()})


@require_safe
def path_detail(request, slug):
    return render(request, "guide/path_detail.html", selectors.path_page(request.user, slug))
