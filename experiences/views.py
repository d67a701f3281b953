from django.shortcuts import render
from django.views.decorators.http import require_safe

from initiatives.search import query_words

from . import selectors
from .forms import ExperienceFilterForm


@require_safe
def experience_list(request):
    form = ExperienceFilterForm(request.GET or None, choices=selectors.filter_choices())
    if form.is_bound and not form.is_valid():
        # A wrong filter shows no list at all rather than a list it did not ask for.
        context = {"form": form, "experiences": [], "filtered": True}
        return render(request, "experiences/experience_list.html", context, status=400)
    filters = form.cleaned_data if form.is_bound else {}
    query = filters.pop("q", "")
    experiences = selectors.experience_list(words=query_words(query), **filters)
    context = {
        "form": form,
        "experiences": experiences,
        "filtered": bool(query or any(filters.values())),
    }
    return render(request, "experiences/experience_list.html", context)


@require_safe
def experience_detail(request, slug):
    experience = selectors.experience_detail(slug)
    return render(request, "experiences/experience_detail.html", {"experience": experience})
