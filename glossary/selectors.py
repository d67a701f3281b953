from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from .models import GlossaryLink, GlossaryTerm


def _links(*ordering):
    links = GlossaryLink.objects.select_related("sheet").order_by(*ordering, "sheet__order")
    return Prefetch("links", queryset=links)


def term_list() -> list[GlossaryTerm]:
    return list(GlossaryTerm.objects.prefetch_related(_links()))


def term_detail(slug: str) -> GlossaryTerm:
    return get_object_or_404(GlossaryTerm.objects.prefetch_related(_links("kind")), slug=slug)
