"""Text as the content admins write it, and what changed between two versions of it.

Browsers send textareas with CRLF line endings, and editors leave spaces at line ends: stored as
typed, every Markdown field of a saved form would differ from the imported text, and the history
would record six changed fields for one real change. Normalised on save, only real changes remain.
"""

import difflib
import re

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

# A word or a run of whitespace: the whitespace is kept so that the diff reads as the text did.
TOKENS = re.compile(r"\s+|\S+")


def normalise_text(text: str) -> str:
    """LF line endings, no spaces at line ends, no blank lines at the end."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).rstrip("\n")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The words of `old` and `new` as (kind, text) runs, kind being equal, delete or insert."""
    old_tokens, new_tokens = TOKENS.findall(old), TOKENS.findall(new)
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    runs = []
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        removed = "".join(old_tokens[old_start:old_end])
        added = "".join(new_tokens[new_start:new_end])
        if operation == "equal":
            runs.append(("equal", added))
            continue
        if removed:
            runs.append(("delete", removed))
        if added:
            runs.append(("insert", added))
    return runs


def word_diff_html(old: str, new: str) -> SafeString:
    """The word diff as escaped HTML, <del> and <ins> each saying in words what they mark; the
    spaces around a changed run stay outside its mark, which then holds only words."""
    marks = {"delete": ("del", _("retiré :")), "insert": ("ins", _("ajouté :"))}
    parts = []
    for kind, text in word_diff(old, new):
        words = text.strip()
        if kind == "equal" or not words:
            parts.append(conditional_escape(text))
            continue
        tag, label = marks[kind]
        before, after = text[: text.index(words)], text[text.index(words) + len(words) :]
        parts.append(format_html(
            '{}<{tag}><span class="visually-hidden">{} </span>{}</{tag}>{}',
            before, label, words, after, tag=tag,
        ))
    return mark_safe("".join(parts))
