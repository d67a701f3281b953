import re

from django import template
from django.utils.safestring import mark_safe

from initiatives.kept import content_key
from initiatives.languages import french_page, in_french
from initiatives.markdown import link_terms, render_markdown

register = template.Library()


register.simple_tag(content_key, name="content_key")


@register.filter
def markdown(text):
    """Render admin-typed Markdown; the HTML is sanitised by nh3 before it is marked safe."""
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised just above


@register.simple_tag
def content_lang():
    """` lang="fr"` for an element holding the guide's French text (initiatives.languages)."""
    return "" if french_page() else mark_safe(' lang="fr"')


@register.filter
def french(text):
    """French content set inside a translated sentence (« Parcours « {{ name }} » »)."""
    return in_french(text)


@register.inclusion_tag("components/_path_badge.html")
def path_badge(path, step=None, option=None):
    return {"path": path, "step": step, "option": option}


TEXT_PARTS = ("principle", "benefits", "costs", "key_steps", "success_factors", "actors",
              "case_study")


def _wordings(glossary_links) -> dict[str, str]:
    """The ways a term may be written in a sheet: as printed, without its acronym, the acronym."""
    wordings = {}
    for link in glossary_links:
        term, url = link.term.term, link.term.get_absolute_url()
        found = re.fullmatch(r"(.+?)\s*\((\w{2,})\)", term)
        for wording in (term, *(found.groups() if found else ())):
            wordings.setdefault(wording, url)
    return dict(sorted(wordings.items(), key=lambda item: -len(item[0])))


@register.simple_tag
def sheet_parts(sheet, glossary_links):
    """The sheet's text parts as sanitised HTML, each glossary term linked at its first use."""
    wordings = _wordings(glossary_links)
    linked: set[str] = set()
    return {
        part: mark_safe(  # noqa: S308 - render_markdown sanitises; link_terms adds escaped links
            link_terms(render_markdown(getattr(sheet, part)), wordings, linked)
        )
        for part in TEXT_PARTS
    }
