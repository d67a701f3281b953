"""The grid page's filters, declared here and nowhere else.

A filter is a key and its label. The page shows one checkbox per filter (templates/grid/includes/
_filters.html) and each question row carries `data-filter-<key>` for every filter that keeps it
(`FormRow.filters`); the page's script (static/js/grid-bar.js) shows the rows that carry the
attributes of every checked filter, and nothing else. The script keeps the two filters that
follow the answers (UNANSWERED, CHANGED) up to date after each save; MINE follows the
assignments, which change only by a page load.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

UNANSWERED = "unanswered"
CHANGED = "changed"
MINE = "mine"  # the questions assigned to the reader (grid.models.Assignment)


@dataclass(frozen=True)
class RowFilter:
    key: str  # the rows it keeps carry data-filter-<key>
    label: str


def row_filters(*, previous_year: int | None, mine: int) -> list[RowFilter]:
    """The filters of a grid page; « changed » only where there is a validated year to compare
    with, « mine » only for a reader who answers some questions (`mine` of them)."""
    filters = [RowFilter(UNANSWERED, _("sans réponse"))]
    if mine:
        filters.append(RowFilter(MINE, _("mes questions (%(count)s)") % {"count": mine}))
    if previous_year is not None:
        filters.append(RowFilter(CHANGED, _("changées depuis %(year)s") % {"year": previous_year}))
    return filters
