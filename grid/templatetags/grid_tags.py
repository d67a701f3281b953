from django import template

from grid.presenters import percent as percent_text

register = template.Library()


@register.filter
def percent(value):
    """0.625 → « 62,5 % »; undefined notes show as an em dash."""
    return percent_text(value)

