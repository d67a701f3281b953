import re

from django import template
from django.utils.translation import ngettext

from grid.presenters import decimal

register = template.Library()


_LONG_RUN = re.compile(r"\S{31,}")
_PIECE = re.compile(r"\S{1,5}")


@register.filter
def soft_wrap(text: str) -> str:
    """Text whose unbroken runs longer than any word (over 30 characters) get an invisible break
    opportunity (U+200B) every 5 characters: WeasyPrint otherwise tries every cut of a long
    « word » one by one, and lines of such runs are then filled up; words are left whole."""
    return _LONG_RUN.sub(lambda run: "\u200b".join(_PIECE.findall(run.group())), text)


@register.filter
def plain_number(value) -> str:
    """An indicator's value as people write it: 95,5 and 100, not 95,50 and 100,00 (95.5 in
    English); « ? » when it is not known yet."""
    if value is None:
        return "?"
    return decimal(format(value.normalize(), "f"))


@register.filter
def first_of(items, count: int) -> str:
    """The first `count` items, and how many more: « 1, 2, 3 et 34 autres »."""
    shown = ", ".join(str(item) for item in items[:count])
    more = len(items) - count
    if more <= 0:
        return shown
    return ngettext("%(shown)s et %(count)s autre", "%(shown)s et %(count)s autres", more) % {
        "shown": shown, "count": more}
