"""One English word per concept: the English catalogue follows locale/terms.csv.

Each row of the terms file names a French term (a pattern matched on the msgid, case-insensitive,
placeholders removed), the English term its translation must contain, and the alternatives it must
not use. A row with a msgctxt applies to the entries of that context only; the other rows of the
same French pattern apply to the remaining entries (« note » is a score, except in the context
"free text", where it is a note).

The catalogue must also be unambiguous: one msgid (case aside) and context, one translation. Two
translations of « Note » mean two meanings, and each meaning needs its own pgettext context.
"""

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale"
TERMS = LOCALE / "terms.csv"
ENGLISH = LOCALE / "en" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]|\{[a-z_]*\}")
# French words a translation keeps on purpose (a document's title): they need no English term.
KEPT_FRENCH = re.compile(r'<(span|em) lang="fr">(.*?)</\1>|<cite>(.*?)</cite>', re.DOTALL)


@dataclass(frozen=True)
class Term:
    french: str
    french_pattern: re.Pattern
    msgctxt: str
    english: str
    english_pattern: re.Pattern
    forbidden: re.Pattern | None


def load_terms(path: Path = TERMS) -> list[Term]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Term(
                row["french"],
                re.compile(row["french_pattern"], re.IGNORECASE),
                row["msgctxt"],
                row["english"],
                re.compile(row["english_pattern"], re.IGNORECASE),
                re.compile(row["forbidden"], re.IGNORECASE) if row["forbidden"] else None,
            )
            for row in csv.DictReader(handle)
        ]


def pairs(entry: polib.POEntry) -> list[tuple[str, str]]:
    """(source, translation) for each form of an entry."""
    if entry.msgid_plural:
        return [
            (entry.msgid, entry.msgstr_plural.get(0, "")),
            (entry.msgid_plural, entry.msgstr_plural.get(1, "")),
        ]
    return [(entry.msgid, entry.msgstr)]


def source_words(source: str, translation: str) -> str:
    """The French the translation must render: no placeholders, no title it keeps in French."""
    source = PLACEHOLDER.sub(" ", source)
    for match in KEPT_FRENCH.finditer(translation):
        kept = match.group(2) or match.group(3)
        source = source.replace(kept.replace("&amp;", "&"), " ").replace(kept, " ")
    return source


def applicable_terms(terms: list[Term], source: str, msgctxt: str) -> list[Term]:
    """The rows that apply to a source text in a context: for each French pattern found, the row
    of that context, or else the pattern's row without context."""
    found = [term for term in terms if term.french_pattern.search(source)]
    claimed = {(term.french_pattern.pattern, term.msgctxt) for term in found}
    return [
        term
        for term in found
        if term.msgctxt == msgctxt
        or (not term.msgctxt and (term.french_pattern.pattern, msgctxt) not in claimed)
    ]


def term_problems(catalogue: polib.POFile, terms: list[Term]) -> list[str]:
    """Each translation that leaves out a term's English word, or uses a forbidden alternative
    that no other term of the same entry accounts for (« barèmes et poids » may say "weights",
    for the barème, but must still say "multipliers", for the poids)."""
    problems = []
    for entry in catalogue:
        if entry.obsolete or not entry.msgid:
            continue
        context = entry.msgctxt or ""
        for source, translation in pairs(entry):
            terms_here = applicable_terms(terms, source_words(source, translation), context)
            where = (
                f"[{context}] {source!r} → {translation!r}"
                if context
                else f"{source!r} → {translation!r}"
            )
            for term in terms_here:
                if not term.english_pattern.search(translation):
                    problems.append(f"{where}: « {term.french} » should read “{term.english}”")
                if term.forbidden is None:
                    continue
                for match in term.forbidden.finditer(translation):
                    if not any(
                        other.english_pattern.fullmatch(match.group())
                        for other in terms_here
                        if other is not term
                    ):
                        problems.append(
                            f"{where}: « {term.french} » is “{term.english}”, not “{match.group()}”"
                        )
    return problems


def ambiguities(catalogue: polib.POFile) -> list[str]:
    """Each msgid (case aside) that has more than one translation in one context: the same entry
    given twice, or « Note » and « note » translated differently, which says that the msgid
    carries two meanings and needs a pgettext context for each."""
    translations = defaultdict(set)
    for entry in catalogue:
        if entry.obsolete or not entry.msgid:
            continue
        key = (entry.msgctxt or "", entry.msgid.casefold(), (entry.msgid_plural or "").casefold())
        translations[key].add(tuple(translation.casefold() for _, translation in pairs(entry)))
    return [
        f"[{context}] {msgid!r} has {len(found)} translations: {sorted(found)}"
        for (context, msgid, _), found in translations.items()
        if len(found) > 1
    ]


def in_memory(body: str) -> polib.POFile:
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    return polib.pofile(header + body)


# The catalogue as it is.


def test_terms_file_is_well_formed():
    terms = load_terms()
    assert terms
    for term in terms:
        assert term.english_pattern.search(term.english), term.french
        if term.forbidden:
            assert not term.forbidden.search(term.english), term.french
    keys = [(term.french_pattern.pattern, term.msgctxt) for term in terms]
    assert len(keys) == len(set(keys)), "two rows for the same pattern and context"


def test_english_catalogue_follows_the_terms():
    assert term_problems(polib.pofile(str(ENGLISH)), load_terms()) == []


def test_english_catalogue_gives_one_translation_per_msgid_and_context():
    assert ambiguities(polib.pofile(str(ENGLISH))) == []


def test_every_term_is_used_by_the_catalogue():
    """A row that matches no msgid checks nothing: a pattern gone stale after a rewording."""
    catalogue = polib.pofile(str(ENGLISH))
    sources = [(source, entry.msgctxt or "") for entry in catalogue for source, _ in pairs(entry)]
    unused = [
        term.french
        for term in load_terms()
        if not any(
            term.french_pattern.search(PLACEHOLDER.sub(" ", source))
            and term.msgctxt in ("", context)
            for source, context in sources
        )
    ]
    assert unused == []


# The checks themselves, on planted catalogues.


@pytest.mark.parametrize(
    ("msgid", "msgstr", "expected"),
    [
        ("Plutôt d'accord", "Rather agree", ["should read “tend to agree”", "not “Rather agree”"]),
        ("Le barème", "The scale", ["should read “weight”", "not “scale”"]),
        (
            "Le cycle vertueux",
            "The virtuous circle",
            ["should read “virtuous cycle”", "not “virtuous circle”"],
        ),
        (
            "Renvoyer à l'équipe",
            "Send back to the team",
            ["should read “return”", "not “Send back”"],
        ),
    ],
)
def test_a_wrong_term_is_reported(msgid, msgstr, expected):
    problems = term_problems(in_memory(f'msgid "{msgid}"\nmsgstr "{msgstr}"\n'), load_terms())
    assert len(problems) == len(expected)
    for problem, words in zip(problems, expected, strict=True):
        assert words in problem


def test_weights_and_answer_weights_is_reported_but_weights_and_multipliers_is_not():
    terms = load_terms()
    wrong = in_memory(
        'msgid "Les questions, barèmes et poids"\n'
        'msgstr "The questions, weights and answer weights"\n'
    )
    right = in_memory(
        'msgid "Les questions, barèmes et poids"\n'
        'msgstr "The questions, weights and answer multipliers"\n'
    )
    assert [p.split(": ")[-1] for p in term_problems(wrong, terms)] == [
        "« poids des réponses » should read “answer multiplier”"
    ]
    assert term_problems(right, terms) == []


def test_a_context_selects_its_own_term():
    terms = load_terms()
    scores = in_memory(
        'msgid "Notes"\nmsgstr "Scores"\n\nmsgctxt "free text"\nmsgid "Notes"\nmsgstr "Notes"\n'
    )
    swapped = in_memory(
        'msgid "Notes"\nmsgstr "Notes"\n\nmsgctxt "free text"\nmsgid "Notes"\nmsgstr "Scores"\n'
    )
    assert term_problems(scores, terms) == []
    problems = term_problems(swapped, terms)
    assert any("« note » should read “score”" in p for p in problems)
    assert any(p.startswith("[free text]") and "not “Scores”" in p for p in problems)


def test_placeholders_and_titles_kept_in_french_need_no_english_term():
    catalogue = in_memory(
        'msgid "%(note)s · « RSE et pôles »"\n'
        'msgstr "%(note)s · “<span lang=\\"fr\\">RSE et pôles</span>”"\n'
    )
    assert term_problems(catalogue, load_terms()) == []


def test_one_msgid_with_two_meanings_is_reported():
    planted = in_memory('msgid "Note"\nmsgstr "Score"\n\nmsgid "note"\nmsgstr "note"\n')
    assert len(ambiguities(planted)) == 1
    assert "'note' has 2 translations" in ambiguities(planted)[0]
    with_contexts = in_memory(
        'msgid "Note"\nmsgstr "Score"\n\nmsgctxt "free text"\nmsgid "note"\nmsgstr "note"\n'
    )
    assert ambiguities(with_contexts) == []


def test_the_same_entry_translated_twice_is_reported():
    planted = in_memory(
        'msgid "plutôt d\'accord"\nmsgstr "tend to agree"\n\n'
        'msgid "plutôt d\'accord"\nmsgstr "rather agree"\n'
    )
    assert len(ambiguities(planted)) == 1
