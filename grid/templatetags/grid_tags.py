from django import template
from django.utils import formats
from django.utils.html import json_script
from django.utils.translation import get_language

from grid.presenters import label_value, origin_legend, percent_pattern
from grid.presenters import percent as percent_text

register = template.Library()


@register.filter
def percent(value):
    """0.625 → « 62,5 % »; undefined notes show as an em dash."""
    return percent_text(value)


@register.simple_tag
def chart_texts():
    """What the pages' Plotly charts need to write numbers in the page's language: Plotly's
    decimal and thousands marks, the sign after a percentage, and « label : value » for the
    hover boxes (`%{theta}` and `%{text}` are Plotly's own placeholders)."""
    return json_script({
        "locale": get_language(),
        "separators": (formats.get_format("DECIMAL_SEPARATOR")
                       + formats.get_format("THOUSAND_SEPARATOR")),
        "percentSuffix": percent_pattern() % {"number": ""},
        "labelValue": label_value("%{theta}", "%{text}"),
    }, "chart-texts")


@register.simple_tag
def colon():
    """What separates a label from its value: «  : » in French, « : » in English."""
    return label_value("", "")


# « Reconstituée d'après la fiche N … »: the one legend of the questions' origin markers.
register.simple_tag(origin_legend, name="origin_legend")
