"""The grid page's filters, declared here and nowhere else.

A filter is a key and its label. The page shows one checkbox per filter (templates/grid/includes/
_filters.html) and each question row carries `data-filter-<key>` for every filter that keeps it
(`FormRow.filters`); the page's script (static/js/grid-bar.js) shows the rows that carry the
attributes of every checked filter, and nothing else. A filter of another app is one more entry
in `row_filters` and the rows it keeps passed as `marks` to `selectors.grid_form`. The script keeps
the two filters that follow the answers (UNANSWERED, CHANGED) up to date after each save.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

UNANSWERED = "unanswered"
CHANGED = "changed"


@dataclass(frozen=True)
class RowFilter:
    key: str  # the rows it keeps carry data-filter-<key>
    label: str


def row_filters(*, previous_year: int | None) -> list[RowFilter]:
    """The filters of a grid page; « changed » only where there is a validated year to compare
    with."""
    filters = [RowFilter(UNANSWERED, _("sans réponse"))]
    if previous_year is not None:
        filters.append(RowFilter(CHANGED, _("changées depuis %(year)s") % {"year": previous_year}))
    return filters
