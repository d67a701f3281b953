"""French left in an English page's interface: the catalogue's French phrases (two words or
more, split at placeholders, tags and punctuation) found in the page's text, outside the
elements marked `lang="fr"` (the guide's content and what people typed, which stay French)."""

import re
from functools import cache
from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES" / "django.po"
CUT = re.compile(r"%\([^)]+\)[sdf]|%[sdf]|<[^>]+>|&\w+;|[«»“”\"()\[\]:;.,!?·…/\n]")

# The page's text and its attributes that people read, outside French content. In the admin,
# the content itself fills the lists' rows and the forms' fields: only the chrome around it is
# read there.
PAGE_TEXT = """(admin) => {
  const content = '[lang="fr"]' + (admin ? ', #result_list tbody, textarea, select, .readonly, '
    + '.inline-related h3, .inline-group tbody, #changelist-filter li, [id^="id_"] label, '
    + '.breadcrumbs, #content > h2' : '');
  const outside = (element) => element.closest(content) === null;
  const body = document.body.cloneNode(true);
  body.querySelectorAll(content + ', script, style, template').forEach((e) => e.remove());
  const read = [body.textContent, admin ? '' : document.title];
  document.querySelectorAll('[aria-label], [title], [placeholder], [alt]').forEach((e) => {
    if (!outside(e)) return;
    for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
      if (e.hasAttribute(name)) read.push(e.getAttribute(name));
    }
  });
  return read.join('\\n');
}"""


@cache
def french_phrases() -> tuple[str, ...]:
    phrases = set()
    for entry in polib.pofile(str(CATALOGUE)):
        translated = entry.msgstr or entry.msgstr_plural.get(0, "")
        if not translated or translated == entry.msgid:
            continue
        for piece in CUT.split(entry.msgid):
            piece = " ".join(piece.split())
            if len(piece.split()) >= 2 and len(piece) >= 10 and piece not in translated:
                phrases.add(piece)
    return tuple(sorted(phrases, key=len, reverse=True))


def french_left(page) -> list[str]:
    admin = page.url.split("/", 3)[-1].startswith("admin/")
    text = " ".join(page.evaluate(PAGE_TEXT, admin).split())
    return [phrase for phrase in french_phrases() if phrase in text]
