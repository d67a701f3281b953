"""The translation catalogues are complete and consistent with the code.

English: every string is translated, nothing is fuzzy, and each translation keeps the source's
placeholders and HTML tags. French (the source language): the plural forms are filled, so that
« 0 étape » takes the French rule (n > 1). The compiled .mo files, committed so that `make run`
needs no gettext, hold exactly what the .po files say.
"""
import re
from collections import Counter
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale"
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]|\{[a-z_]*\}")
TAG = re.compile(r"</?([a-z][a-z0-9]*)\b")
FRENCH_MARKS = re.compile(r"[«»]|\s[:;!?](?:\s|$)")


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


def without_kept_french(translation: str) -> str:
    """A translation may mark the French words it keeps (a document's title) with
    <span lang="fr">: those spans are its own, not the source's."""
    kept = translation.count('<span lang="fr">')
    return translation.replace('<span lang="fr">', "").replace("</span>", "", kept)


def entry_problems(entry: polib.POEntry) -> list[str]:
    """What is wrong with one English entry (empty when it is right)."""
    if entry.obsolete:
        return []
    if "fuzzy" in entry.flags:
        return ["fuzzy"]
    pairs = [(entry.msgid, entry.msgstr)]
    if entry.msgid_plural:
        pairs = [(entry.msgid, entry.msgstr_plural.get(0, "")),
                 (entry.msgid_plural, entry.msgstr_plural.get(1, ""))]
    found = []
    for source, translation in pairs:
        if not translation.strip():
            found.append("untranslated")
            continue
        if Counter(PLACEHOLDER.findall(source)) != Counter(PLACEHOLDER.findall(translation)):
            found.append(f"placeholders differ: {PLACEHOLDER.findall(translation)}")
        if Counter(TAG.findall(source)) != Counter(TAG.findall(without_kept_french(translation))):
            found.append("HTML tags differ")
        if FRENCH_MARKS.search(translation):
            found.append("French typography (« », or a space before : ; ! ?)")
    return found


def test_english_catalogue_is_complete_and_keeps_placeholders():
    problems = {entry.msgid: entry_problems(entry) for entry in catalogue("en")}
    assert {msgid: found for msgid, found in problems.items() if found} == {}


def test_french_plural_forms_are_filled_with_the_french_rule():
    french = catalogue("fr")
    assert "plural=(n > 1)" in french.metadata["Plural-Forms"]
    plurals = [entry for entry in french if entry.msgid_plural and not entry.obsolete]
    assert plurals
    for entry in plurals:
        assert entry.msgstr_plural == {0: entry.msgid, 1: entry.msgid_plural}, entry.msgid


@pytest.mark.parametrize("language", ["fr", "en"])
def test_compiled_catalogue_matches_its_source(language):
    source = catalogue(language)
    compiled = polib.mofile(str(LOCALE / language / "LC_MESSAGES" / "django.mo"))

    def content(entries):
        return {(entry.msgid, entry.msgid_plural or None, entry.msgstr or None,
                 tuple(sorted(entry.msgstr_plural.items())) or None)
                for entry in entries if entry.msgid and (entry.msgstr or entry.msgstr_plural)}

    assert content(compiled) == content(e for e in source.translated_entries())
