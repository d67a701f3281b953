"""Accent- and case-insensitive matching, the same on SQLite and PostgreSQL.

The corpus is small (37 sheets, 46 terms), so it is matched in Python after one query per model
rather than with database-specific extensions such as PostgreSQL's unaccent.
"""

import unicodedata


def fold(text: str) -> str:
    """« Écologie » and « ecologie » fold to the same string."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def query_words(query: str) -> list[str]:
    return [word for word in fold(query).split() if word]


def matches(words: list[str], *texts: str) -> bool:
    """True when every word of the query occurs in one of the texts."""
    haystack = fold(" ".join(texts))
    return all(word in haystack for word in words)
