"""What is made of the guide's content alone, kept per process until an admin edits that content.

The key of what is kept carries the time of the last edit of the content (the latest
`history_date` of each watched model's history, one query), so an edit shows on the next page.
Within a request that time is read once, however many things the page takes from here. Loading
fixtures (`loaddata`) writes no history: restart the workers after it, as after a deployment.
"""

from collections import OrderedDict
from collections.abc import Callable
from functools import cache
from typing import TypeVar

from asgiref.local import Local
from django.core.signals import request_finished, request_started
from django.db import connection
from django.utils.translation import get_language

T = TypeVar("T")
_KEPT = 48  # per process: versions × languages × grid displays, panels and path lists in use
_kept: OrderedDict[tuple, object] = OrderedDict()
_watched: list = []
_request = Local()


def watch(model) -> None:
    """Count edits of `model` (a model with django-simple-history) as edits of the content."""
    if model not in _watched:
        _watched.append(model)
        _stamp_query.cache_clear()


@cache  # the history managers are slow to reach: as long as every query it saves
def _stamp_query() -> str:
    quote = connection.ops.quote_name
    return "SELECT " + ", ".join(
        f"(SELECT MAX(history_date) FROM {quote(model.history.model._meta.db_table)})"
        for model in _watched
    )


def content_stamp() -> tuple:
    """When the watched content was last edited: read once per request, every time outside one."""
    memo = getattr(_request, "stamp", None)
    if memo is not None:
        return memo
    with connection.cursor() as cursor:
        cursor.execute(_stamp_query())
        stamp = tuple(cursor.fetchone())
    if getattr(_request, "active", False):
        _request.stamp = stamp
    return stamp


def content_key(*parts) -> str:
    """The key of a `{% cache %}` fragment made of the guide's content alone: `parts` (say a grid
    version's pk and creation time), the time of the content's last edit and the language, so
    that an edit or another language renders it anew, as `kept` does."""
    return ":".join(str(part) for part in (*parts, *content_stamp(), get_language()))


def kept(key: tuple, make: Callable[[], T]) -> T:
    """What `make` returns, kept under `key` until the content is edited. For what depends on
    the guide's content (and what `key` names) only, never on a cluster's data. Kept per
    language: what is kept is often HTML, with the interface's words around the content."""
    full_key = (*key, get_language(), content_stamp())
    if full_key not in _kept:
        _kept[full_key] = make()
        while len(_kept) > _KEPT:
            _kept.popitem(last=False)
    return _kept[full_key]


def forget() -> None:
    """Empty this process's cache (each test starts from an empty one)."""
    _kept.clear()
    _request.stamp = None


def _request_starts(**kwargs) -> None:
    _request.active, _request.stamp = True, None


def _request_ends(**kwargs) -> None:
    _request.active, _request.stamp = False, None


request_started.connect(_request_starts, dispatch_uid="initiatives.kept.start")
request_finished.connect(_request_ends, dispatch_uid="initiatives.kept.end")
