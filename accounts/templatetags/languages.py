from django import template
from django.conf import settings
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def other_languages() -> list[tuple[str, str]]:
    """The languages the switch offers, each named in itself (« English », « Français »):
    Django's get_available_languages would translate the names into the page's language."""
    current = get_language()
    return [(code, name) for code, name in settings.LANGUAGES if code != current]
