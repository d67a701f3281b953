"""Reads of the guide's pages that gather several kinds of content."""

from dataclasses import dataclass, field

from clusters.access import memberships_of
from clusters.models import Membership
from experiences import selectors as experiences
from experiences.models import Experience
from glossary import selectors as glossary
from glossary.models import GlossaryTerm
from initiatives import selectors as initiatives
from initiatives.models import Sheet
from initiatives.search import query_words
from plans.selectors import path_position


@dataclass
class SheetSearch:
    sheets: list[Sheet]
    terms: list[GlossaryTerm] = field(default_factory=list)
    experiences: list[Experience] = field(default_factory=list)


def sheet_search(*, query: str = "", **filters) -> SheetSearch:
    """The sheets that pass the filters and match the query, and the glossary terms and the
    experiences that match it too (accents and case ignored)."""
    words = query_words(query)
    return SheetSearch(
        sheets=initiatives.sheet_search(query=query, **filters),
        terms=glossary.term_search(words),
        experiences=experiences.experience_search(words),
    )


def sheet_page(user, slug: str) -> dict:
    """The public sheet page; for a cluster's staff, also the clusters whose plan they may add
    an action on this sheet to (`plan_clusters`)."""
    page = initiatives.sheet_detail(slug)
    plan_clusters = []
    if user.is_authenticated:
        plan_clusters = [membership.cluster for membership in memberships_of(user)
                         if membership.role == Membership.Role.EDITOR]
    return {**page, "glossary_links": glossary.links_of_sheet(page["sheet"]),
            "experience_links": experiences.experiences_of_sheet(page["sheet"]),
            "plan_clusters": plan_clusters}


def path_page(user, slug: str) -> dict:
    """The public path page; for a logged-in member, also each of their clusters' progress on
    the path (`positions`), and on each option the clusters that reached it (`marks`)."""
    page = initiatives.path_detail(slug)
    positions = []
    if user.is_authenticated:
        positions = [(membership.cluster, path_position(membership.cluster, page["path"].code))
                     for membership in memberships_of(user)]
    states = {}
    for cluster, progress in positions:
        for state in progress.steps:
            states.setdefault(state.step.pk, []).append((cluster, state))
    for step in page["steps"]:
        for option in step["options"]:
            option.marks = [(cluster, state) for cluster, state in states.get(option.pk, [])
                            if state.reached]
    return {**page, "positions": positions}
