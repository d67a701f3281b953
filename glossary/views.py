from django.shortcuts import render
from django.views.decorators.http import require_safe

from . import selectors


@require_safe
def term_list(request):
    return render(request, "glossary/term_list.html", {"terms": selectors.term_list()})


@require_safe
def term_detail(request, slug):
    return render(request, "glossary/term_detail.html", {"term": selectors.term_detail(slug)})
