from django import template

from ..presenters import heat_class as heat_class_of
from ..presenters import share_text

register = template.Library()


@register.filter
def share(cell) -> str:
    return share_text(cell)


@register.filter
def heat_class(cell) -> str:
    return heat_class_of(cell)
