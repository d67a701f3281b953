"""Every number and date an experience states is printed in the lines it cites (three companion
documents kept beside the guide; the Apec study through hashes of its lines' numbers, and its text
too when ../shared holds it), and the check catches a changed figure."""

import copy
import json

import pytest
from django.conf import settings

from experiences.provenance import (
    APEC_LINE_NUMBERS,
    SOURCE_FILES,
    apec_line_hashes,
    catalogue_problems,
    cited_lines,
    numbers_in,
    read_apec_line_hashes,
    write_apec_line_hashes,
)

SOURCES = settings.BASE_DIR / "fixtures" / "sources"
SEEDS = settings.BASE_DIR.parent / "shared" / "seeds"
APEC_SEED = SEEDS / "apec-clusters-emploi-2016.txt"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="no ../shared/seeds")


def catalogue() -> dict:
    return json.loads((SOURCES / "experiences.json").read_text(encoding="utf-8"))


def item(data: dict, source: str) -> dict:
    return next(item for item in data["experiences"] if item["source"] == source)


def test_every_figure_and_date_is_printed_in_the_cited_lines():
    assert catalogue_problems(catalogue(), SOURCES) == []


@pytest.mark.skipif(not APEC_SEED.is_file(), reason="the Apec study is not kept in the repository")
def test_apec_figures_are_printed_in_the_study_itself():
    assert catalogue_problems(catalogue(), SOURCES, APEC_SEED) == []


@needs_seeds
@pytest.mark.parametrize("name", sorted(SOURCE_FILES.values()))
def test_the_kept_sources_are_the_companion_documents_unchanged(name):
    assert (SOURCES / name).read_bytes() == (SEEDS / name).read_bytes()


@pytest.mark.skipif(not APEC_SEED.is_file(), reason="the Apec study is not kept in the repository")
def test_the_apec_line_hashes_are_those_of_the_study():
    stored = (SOURCES / APEC_LINE_NUMBERS).read_text(encoding="ascii")
    assert stored == write_apec_line_hashes(apec_line_hashes(APEC_SEED.read_text("utf-8")))


@pytest.mark.parametrize("source", ["france-clusters", "rameau", "apec", "france-urbaine"])
def test_a_changed_figure_is_reported(source):
    data = copy.deepcopy(catalogue())
    changed = item(data, source)
    changed["key_figures"][0]["value"] = 987654
    before = catalogue_problems(catalogue(), SOURCES)
    problems = [p for p in catalogue_problems(data, SOURCES) if p not in before]
    assert problems == [
        f"{changed['slug']}: chiffre 987654 {changed['key_figures'][0]['unit']} "
        f"absent de {changed['source_lines']}"
    ]


@pytest.mark.parametrize("source", ["france-clusters", "apec"])
def test_a_date_the_lines_do_not_print_is_reported(source):
    data = copy.deepcopy(catalogue())
    changed = item(data, source)
    changed["years"] = "1987"
    changed["key_figures"][0]["as_of"] = "1986"
    problems = catalogue_problems(data, SOURCES)
    assert f"{changed['slug']}: année 1987 absente de {changed['source_lines']}" in problems
    assert any(p.startswith(f"{changed['slug']}: année 1986 d'un chiffre") for p in problems)


def test_a_figure_outside_the_cited_lines_is_reported():
    data = copy.deepcopy(catalogue())
    changed = item(data, "france-clusters")
    changed["source_lines"] = "L1"
    problems = catalogue_problems(data, SOURCES)
    assert any(p.startswith(f"{changed['slug']}: chiffre") for p in problems)


def test_a_line_past_the_end_of_the_document_is_reported():
    data = copy.deepcopy(catalogue())
    changed = item(data, "rameau")
    changed["source_lines"] += ", L99999"
    assert f"{changed['slug']}: ligne L99999 au-delà de la fin du document" in catalogue_problems(
        data, SOURCES
    )


def test_no_two_links_give_the_same_reason():
    # A reason says how this item relates to that sheet, lever or question: a copied one cannot.
    reasons = [
        link["reason"]
        for item in catalogue()["experiences"]
        for kind in ("sheets", "levers", "questions")
        for link in item[kind]
    ]
    assert sorted({r for r in reasons if reasons.count(r) > 1}) == []


def test_cited_lines_reads_ranges_and_single_lines():
    assert cited_lines("L80–L82, L119") == [80, 81, 82, 119]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1 200 salariés", "1200"),
        ("1\u00a0200 salariés", "1200"),
        ("1\u202f200 salariés", "1200"),
        ("1200 salariés", "1200"),
        ("1,5 million", "1.5"),
        ("92 % des salariés", "92"),
        ("deux fois par an", "2"),
    ],
)
def test_numbers_are_read_as_french_prints_them(text, number):
    assert number in numbers_in(text)


def test_the_apec_line_hashes_round_trip():
    hashes = apec_line_hashes("rien\n12 entreprises en 2015\n")
    assert list(hashes) == [2] and len(hashes[2]) == 2
    assert read_apec_line_hashes(write_apec_line_hashes(hashes)) == hashes
