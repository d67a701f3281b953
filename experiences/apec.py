"""The Apec study forbids reproduction (its L27): our summaries must not copy it. Its text stays
out of the repository; only hashes of its 12-word windows are kept, to test the summaries."""

import hashlib
import re

from initiatives.search import fold

WINDOW = 12
# 64 bits of SHA-256 are plenty to tell ~24,000 windows apart, at a quarter of the file size.
DIGITS = 16


def words(text: str) -> list[str]:
    # Case, accents, punctuation and line breaks ignored: a copy with new commas is still a copy.
    return re.findall(r"\w+", fold(text))


def short_hash(text: str) -> str:
    """What is kept of a piece of the study: the first DIGITS hex digits of its SHA-256."""
    return hashlib.sha256(text.encode()).hexdigest()[:DIGITS]


def window_hashes(text: str) -> set[str]:
    tokens = words(text)
    return {short_hash(" ".join(tokens[i : i + WINDOW])) for i in range(len(tokens) - WINDOW + 1)}
