"""Names of the guide's two levels as the interface shows them, in one place (translatable)."""

from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_lazy, pgettext

LEVEL_NAMES = {1: gettext_lazy("Fonctionnement interne"), 2: gettext_lazy("Sphère d'influence")}


def level_choice(number: int) -> str:
    """« 1 · Fonctionnement interne », as lists and column heads print a level."""
    return pgettext("level", "%(number)s · %(name)s") % {
        "number": number, "name": LEVEL_NAMES[number],
    }


def level_title(number: int) -> str:
    """« Niveau 1 · Fonctionnement interne », as radars and tables title a level."""
    return gettext("Niveau %(number)s · %(name)s") % {
        "number": number, "name": LEVEL_NAMES[number],
    }


# For form and model choices, built at import: translated when shown.
LEVEL_CHOICES = [(number, lazy(level_choice, str)(number)) for number in LEVEL_NAMES]
