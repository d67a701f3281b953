from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from initiatives.models import Sheet
from initiatives.search import matches

from .models import GlossaryLink, GlossaryTerm


def _links(*ordering):
    links = GlossaryLink.objects.select_related("sheet").order_by(*ordering, "sheet__order")
    return Prefetch("links", queryset=links)


def term_list() -> list[GlossaryTerm]:
    return list(GlossaryTerm.objects.prefetch_related(_links()))


def term_detail(slug: str) -> GlossaryTerm:
    return get_object_or_404(GlossaryTerm.objects.prefetch_related(_links("kind")), slug=slug)


def term_search(words: list[str]) -> list[GlossaryTerm]:
    """Terms whose name or definition contains every word (folded, as initiatives.search)."""
    if not words:
        return []
    return [
        term for term in GlossaryTerm.objects.all() if matches(words, term.term, term.definition)
    ]


def links_of_sheet(sheet: Sheet) -> list[GlossaryLink]:
    """The terms linked to a sheet, alphabetically: the sheet page lists them and links their
    first use in its text."""
    return list(
        GlossaryLink.objects.filter(sheet=sheet).select_related("term").order_by("term__term")
    )
