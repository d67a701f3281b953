"""Markdown typed in the admin, rendered then sanitised: only plain formatting reaches a page."""

import re
from functools import lru_cache
from html import escape

import markdown as md
import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "sup", "sub", "ul", "ol", "li", "blockquote",
    "code", "pre", "h3", "h4", "h5", "a", "table", "thead", "tbody", "tr", "th", "td", "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "td": {"colspan"}, "th": {"colspan", "scope"}}


@lru_cache(maxsize=1024)  # pure, and the same texts come back on every page
def render_markdown(text: str) -> str:
    html = md.markdown(text or "", extensions=["tables", "sane_lists"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def link_terms(html: str, terms: dict[str, str], already_linked: set[str]) -> str:
    """Link the first use of each glossary term in sanitised HTML to the term's page.

    `terms` maps a wording to its URL, longest wording first; a URL already linked (earlier on
    the same page) is skipped, and text inside existing links is left alone. `already_linked`
    is updated.
    """
    links: list[str] = []
    pieces = re.split(r"(<[^>]+>)", html)
    inside_link = False
    for index, piece in enumerate(pieces):
        if piece.startswith("<"):
            inside_link = bool(re.match(r"<a[\s>]", piece)) or (
                inside_link and not piece.startswith("</a")
            )
            continue
        if inside_link:
            continue
        for wording, url in terms.items():
            if url in already_linked:
                continue
            match = re.search(rf"(?<!\w){re.escape(wording)}(?!\w)", piece, re.IGNORECASE)
            if match:
                # A placeholder keeps later wordings from matching inside the new link.
                links.append(f'<a class="glossary-term" href="{escape(url)}">{match.group(0)}</a>')
                piece = f"{piece[: match.start()]}\x00{len(links) - 1}\x00{piece[match.end() :]}"
                already_linked.add(url)
        pieces[index] = piece
    return re.sub("\x00(\\d+)\x00", lambda m: links[int(m.group(1))], "".join(pieces))
