"""Reads of the guide's pages that gather several kinds of content."""

from dataclasses import dataclass, field

from glossary import selectors as glossary
from glossary.models import GlossaryTerm
from initiatives import selectors as initiatives
from initiatives.models import Sheet
from initiatives.search import query_words


@dataclass
class SheetSearch:
    sheets: list[Sheet]
    terms: list[GlossaryTerm] = field(default_factory=list)


def sheet_search(*, query: str = "", **filters) -> SheetSearch:
    """The sheets that pass the filters and match the query, and the glossary terms that match
    it too (accents and case ignored)."""
    return SheetSearch(
        sheets=initiatives.sheet_search(query=query, **filters),
        terms=glossary.term_search(query_words(query)),
    )


def sheet_page(slug: str) -> dict:
    page = initiatives.sheet_detail(slug)
    return {**page, "glossary_links": glossary.links_of_sheet(page["sheet"])}
