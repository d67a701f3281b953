from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from . import selectors


@require_safe
def matrix(request):
    return render(request, "initiatives/matrix.html", selectors.matrix_sections())


@require_safe
def approach(request):
    return render(request, "initiatives/approach.html", selectors.approach_page())


@require_safe
@cache_control(public=True, max_age=300)
def colours(request):
    """The enjeux' and paths' colours as CSS classes: pages carry no inline style (CSP)."""
    return render(request, "initiatives/colours.css", selectors.colours(), content_type="text/css")
