from django import template
from django.utils.safestring import mark_safe

from initiatives.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    """Render admin-typed Markdown; the HTML is sanitised by nh3 before it is marked safe."""
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised just above


@register.inclusion_tag("components/_path_badge.html")
def path_badge(path, step=None, option=None):
    return {"path": path, "step": step, "option": option}
