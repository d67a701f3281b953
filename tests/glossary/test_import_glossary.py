"""The glossary import: 46 terms parsed from the guide, printed links and proposed links."""

import re

import pytest
from django.utils.text import slugify

from initiatives.guide_import import glossary
from initiatives.markdown import render_markdown

SHEETS = {"+"} | {str(n) for n in range(1, 37)}
CITATION = re.compile(r"^L\d+(–L\d+)?$")


@pytest.fixture(scope="module")
def records(guide_seed):
    return glossary.records(guide_seed)


@pytest.fixture(scope="module")
def terms(records):
    return [r["fields"] for r in records if r["model"] == "glossary.glossaryterm"]


@pytest.fixture(scope="module")
def links(records):
    return [r["fields"] for r in records if r["model"] == "glossary.glossarylink"]


def sheets_of(links, slug, kind=None):
    return [
        link["sheet"][0]
        for link in links
        if link["term"] == [slug] and (kind is None or link["kind"] == kind)
    ]


def test_the_glossary_has_46_terms_numbered_in_guide_order(terms):
    assert len(terms) == 46
    assert [t["order"] for t in terms] == list(range(1, 47))
    assert terms[0]["term"] == "Achats responsables"
    assert terms[-1]["term"] == "Transversalité"
    # The guide's order is not alphabetical: ACV comes before Agenda 21, GPEC after Gouvernance.
    names = [t["term"] for t in terms]
    assert names.index("Analyse du Cycle de Vie (ACV)") < names.index("Agenda 21 local")
    assert names.index("Gouvernance") + 1 == names.index(
        "Gestion Prévisionnelle des Emplois et des Compétences (GPEC)"
    )


def test_slugs_are_unique_and_come_from_the_term(terms):
    slugs = [t["slug"] for t in terms]
    assert len(set(slugs)) == 46
    assert all(t["slug"] == slugify(t["term"]) for t in terms)
    assert "analyse-du-cycle-de-vie-acv" in slugs


def test_the_gpec_acronym_printed_with_its_number_completes_the_term(terms):
    gpec = next(t for t in terms if t["slug"].startswith("gestion-previsionnelle"))
    assert gpec["term"] == "Gestion Prévisionnelle des Emplois et des Compétences (GPEC)"
    assert "(GPEC)" not in gpec["definition"]


def test_twenty_one_terms_carry_explicit_links(links):
    assert len({link["term"][0] for link in links if link["kind"] == "explicit"}) == 21


def test_every_term_has_at_least_one_definition_sentence(terms):
    sentence = re.compile(r"\w+(?:\W+\w+){4,}[^.]*(\.|…|\.\.\.)")
    for term in terms:
        assert sentence.search(term["definition"]), term["term"]


def test_definitions_carry_no_page_furniture_nor_sheet_numbers(terms):
    for term in terms:
        text = term["definition"]
        assert "Retour" not in text, term["term"]
        assert "Glossaire" not in text, term["term"]
        assert not re.search(r"\b\d+/15\b", text), term["term"]
        assert not re.search(r"^[# ]", text, re.M), term["term"]
        assert not re.search(r"^[+\d ]+$", text, re.M), term["term"]


def test_definitions_keep_the_guide_text(guide_seed, terms):
    achats = terms[0]["definition"]
    assert achats == guide_seed.line(4212).removeprefix("- ")
    agenda = next(t for t in terms if t["slug"] == "agenda-21-local")["definition"]
    assert agenda.split("\n\n") == [guide_seed.line(n).removeprefix("- ") for n in (4224, 4225)]


def test_the_nested_clauses_of_rso_render_as_a_list(terms):
    rso = next(t for t in terms if t["slug"] == "responsabilite-societale-des-organisations")
    html = render_markdown(rso["definition"])
    assert html.count("<li>") == 3
    assert "<p>Elle est intégrée dans l'ensemble de l'organisation.</p>" in html


def test_source_lines_run_from_the_heading_to_the_last_line(guide_seed, terms):
    for term in terms:
        assert CITATION.match(term["source_lines"]), term["term"]
        first = int(term["source_lines"].split("–")[0][1:])
        assert guide_seed.line(first).lstrip("# ") in term["term"]
    relations = next(t for t in terms if t["slug"] == "relations-et-conditions-de-travail")
    assert relations["source_lines"] == "L4464–L4468"


@pytest.mark.parametrize(
    ("slug", "sheets"),
    [
        ("analyse-du-cycle-de-vie-acv", ["11", "12"]),
        ("agenda-21-local", ["+", "7"]),
        ("gouvernance", ["1", "2"]),
        ("interets-des-parties-prenantes-et-attentes-de-la-societe", ["1", "5", "6"]),
        ("impact-environnemental", ["11", "12", "13", "14"]),
        ("relations-et-conditions-de-travail", ["30", "31", "32"]),
        ("gestion-previsionnelle-des-emplois-et-des-competences-gpec", ["27"]),
        ("mobilite-durable", ["18"]),
    ],
)
def test_explicit_links_are_the_numbers_printed_in_the_entry(links, slug, sheets):
    assert sheets_of(links, slug, "explicit") == sheets


def test_mobility_keeps_its_printed_link_and_gains_sheet_16(links):
    assert sheets_of(links, "mobilite-durable", "proposed") == ["16"]
    proposed = next(k for k in links if k["term"] == ["mobilite-durable"] and k["sheet"] == ["16"])
    assert "18" in proposed["note"]


def test_gpec_gains_the_proposed_sheets_26_and_30(links):
    slug = "gestion-previsionnelle-des-emplois-et-des-competences-gpec"
    assert sheets_of(links, slug, "proposed") == ["26", "30"]


def test_shared_diagnosis_gets_the_proposed_sheets_plus_7_and_8(links):
    assert sheets_of(links, "diagnostic-partage") == ["+", "7", "8"]
    assert sheets_of(links, "diagnostic-partage", "explicit") == []


def test_terms_whose_candidates_do_not_treat_the_notion_get_no_link(links):
    for slug in (
        "droits-de-lhomme",
        "economie-de-fonctionnalite",
        "normes-internationales-de-comportement",
    ):
        assert sheets_of(links, slug) == [], slug


def test_every_other_term_without_printed_links_gets_a_proposal(terms, links):
    linked = {link["term"][0] for link in links}
    unlinked = {t["slug"] for t in terms} - linked
    assert unlinked == {
        "droits-de-lhomme",
        "economie-de-fonctionnalite",
        "normes-internationales-de-comportement",
    }


def test_proposed_notes_cite_a_line_that_supports_them(guide_seed, links):
    for link in links:
        if link["kind"] != "proposed":
            continue
        assert 0 < len(link["note"]) <= 300
        assert link["note"].startswith(f"Fiche {link['sheet'][0]} : ")
        cited = re.search(r"\(L(\d+)\)", link["note"])
        assert cited, link
        assert guide_seed.line(int(cited[1])).strip(), link


def test_links_are_valid_unique_and_ordered(terms, links):
    order = {t["slug"]: t["order"] for t in terms}
    pairs = [(link["term"][0], link["sheet"][0]) for link in links]
    assert len(pairs) == len(set(pairs))
    assert all(link["kind"] in {"explicit", "proposed"} for link in links)
    assert all(sheet in SHEETS and term in order for term, sheet in pairs)
    key = [(order[term], 0 if sheet == "+" else int(sheet)) for term, sheet in pairs]
    assert key == sorted(key)


def test_the_import_is_deterministic(guide_seed, records):
    assert glossary.records(guide_seed) == records
