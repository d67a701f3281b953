"""The guide's content is French on every page: on a page in another language, the elements that
hold it say so (`lang="fr"`), so that screen readers read it with a French voice (WCAG 3.1.2)."""

from django import forms
from django.utils.html import format_html
from django.utils.translation import get_language


def french_page() -> bool:
    return (get_language() or "fr").startswith("fr")


def in_french(text: str) -> str:
    """`text` as HTML, in a <span lang="fr"> on a page in another language."""
    return format_html("{}", text) if french_page() else format_html('<span lang="fr">{}</span>',
                                                                      text)


class ContentChoicesMixin:
    """Options that name the guide's content are French; the empty one (« Tous ») is not."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value not in ("", None) and not french_page():
            option["attrs"]["lang"] = "fr"
        return option


class ContentSelect(ContentChoicesMixin, forms.Select):
    pass
