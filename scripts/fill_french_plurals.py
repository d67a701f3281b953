"""French is the source language, so its catalogue needs no translation, except for the plural
forms: without them gettext falls back to English's rule and prints « 0 étapes ». Copies each
plural msgid into the French msgstr; run by `make messages`."""

from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parent.parent / "locale" / "fr" / "LC_MESSAGES" / "django.po"

catalogue = polib.pofile(str(CATALOGUE))
for entry in catalogue:
    if entry.msgid_plural:
        entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
catalogue.save()
