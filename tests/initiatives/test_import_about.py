"""The « démarche » import: introduction concepts and references parsed from the guide."""

import re
from collections import Counter

import pytest

from initiatives.guide_import import about
from initiatives.markdown import render_markdown

CITATION = re.compile(r"^L\d+(–L\d+)?(, L\d+(–L\d+)?)*$")


@pytest.fixture(scope="module")
def records(guide_seed):
    return about.records(guide_seed)


@pytest.fixture(scope="module")
def concepts(records):
    return [r["fields"] for r in records if r["model"] == "initiatives.concept"]


@pytest.fixture(scope="module")
def references(records):
    return [r["fields"] for r in records if r["model"] == "initiatives.reference"]


def of_kind(concepts, kind):
    return [c for c in concepts if c["kind"] == kind]


def test_each_kind_of_concept_has_the_guide_count(concepts):
    assert Counter(c["kind"] for c in concepts) == {
        "lever_family": 4,
        "success_factor": 6,
        "sndd_challenge": 9,
        "iso_subject": 7,
        "cycle_link": 5,
        "entry_route": 2,
        "action_level": 2,
    }


def test_concepts_are_numbered_from_1_within_their_kind(concepts):
    for kind in {c["kind"] for c in concepts}:
        orders = [c["order"] for c in of_kind(concepts, kind)]
        assert orders == list(range(1, len(orders) + 1)), kind


def test_every_record_cites_its_lines(records):
    for record in records:
        assert "pk" not in record
        assert CITATION.match(record["fields"]["source_lines"]), record


def test_lever_families_group_the_diagram_items_as_the_reference_reads_them(concepts):
    families = of_kind(concepts, "lever_family")
    assert [f["title"] for f in families] == [
        "Leviers environnementaux",
        "Leviers sociaux",
        "Leviers économiques",
        "Leviers de gouvernance",
    ]
    assert "**Gestion durable des RH et du capital humain**" in families[1]["body"]
    assert "**Economie de la fonctionnalité et bonnes pratiques des affaires**" in (
        families[2]["body"]
    )
    assert families[3]["source_lines"] == "L156–L161"


def test_lever_benefits_render_nested_under_their_lever(concepts):
    html = render_markdown(of_kind(concepts, "lever_family")[0]["body"])
    assert html.count("<ul>") == 3
    assert "<strong>Réduction des coûts" in html


def test_success_factors_keep_their_title_and_text(guide_seed, concepts):
    factors = of_kind(concepts, "success_factor")
    assert [f["title"] for f in factors] == [
        "Centralité",
        "Spécificité",
        "Proactivité",
        "Volontarisme",
        "Visibilité",
        "Création de valeur comme résultat stratégique",
    ]
    assert factors[0]["body"] == guide_seed.line(191).removeprefix("- ")
    assert factors[0]["source_lines"] == "L189–L191"


def test_list_items_are_read_from_their_line(guide_seed, concepts):
    for kind in ("sndd_challenge", "iso_subject"):
        for item in of_kind(concepts, kind):
            assert guide_seed.line(int(item["source_lines"][1:])) == f"- {item['title']}"


def test_iso_subjects_follow_the_introduction_order(concepts):
    titles = [c["title"] for c in of_kind(concepts, "iso_subject")]
    assert titles[0] == "Gouvernance"
    assert titles[-1] == "Droits de l'homme"
    assert of_kind(concepts, "iso_subject")[0]["source_lines"] == "L243"


def test_cycle_links_carry_their_example_actions(concepts):
    links = of_kind(concepts, "cycle_link")
    assert [c["title"].split()[0] for c in links] == [
        "Inscrire",
        "Etablir",
        "Identifier",
        "Piloter",
        "Evaluer",
    ]
    assert [c["body"].count("\n- ") + 1 for c in links] == [3, 3, 2, 3, 3]
    assert "grille d'autoévaluation" in links[1]["body"]
    assert links[0]["source_lines"] == "L316–L320"


def test_entry_routes_and_action_levels(concepts):
    routes = of_kind(concepts, "entry_route")
    assert [r["title"] for r in routes] == ["Voie stratégique (1)", "Voie opérationnelle (4)"]
    assert routes[0]["body"].startswith("Diagnostic et réflexion amont")
    levels = of_kind(concepts, "action_level")
    assert levels[0]["title"] == "Niveau 1 : règles et orientations de la gouvernance"
    assert levels[1]["title"] == "Niveau 2 : diffusion au sein de la sphère d'influence"
    assert "Elargissement radical" in levels[1]["body"]
    assert "Elargissement radical" not in levels[0]["body"]


def test_there_are_twelve_references_in_four_categories(references):
    assert len(references) == 12
    assert [r["order"] for r in references] == list(range(1, 13))
    assert Counter(r["category"] for r in references) == {
        "Normes et références": 2,
        "Etudes": 7,
        "Ouvrage de recherche": 1,
        "Colloques": 2,
    }


def test_references_are_kept_as_printed(guide_seed, references):
    for reference in references:
        assert guide_seed.line(int(reference["source_lines"][1:])) == f"- {reference['text']}"
    assert references[0]["text"].startswith("ISO 26000 : 2010, *Lignes directrices")
    assert "p. 495-202" in references[8]["text"]
    assert "1<sup>er</sup> février 2012" in references[10]["text"]


def test_the_import_is_deterministic(guide_seed, records):
    assert about.records(guide_seed) == records
