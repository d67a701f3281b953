import re

from django import template

from grid.presenters import decimal

register = template.Library()


_LONG_RUN = re.compile(r"(\S{20})(?=\S)")


@register.filter
def soft_wrap(text: str) -> str:
    """Text with an invisible break opportunity (U+200B) every 20 characters of an unbroken run:
    WeasyPrint otherwise tries every cut of a long « word » one by one."""
    return _LONG_RUN.sub("\\1\u200b", text)


@register.filter
def plain_number(value) -> str:
    """An indicator's value as people write it: 95,5 and 100, not 95,50 and 100,00 (95.5 in
    English); « ? » when it is not known yet."""
    if value is None:
        return "?"
    return decimal(format(value.normalize(), "f"))
