"""The guide's content as fixture records: `initiatives.guide_import.content.records`.

These tests read the seed text only; they need no database.
"""

import json
import re
from collections import Counter

import markdown
import pytest

from initiatives.guide_import import content
from initiatives.models import Sheet

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"\b0\d(?:[ .]?\d\d){4}\b")
CONTACT = re.compile(r"\bContact\s*:")  # « Contacter largement … » (sheet 2) is no contact
FURNITURE = ("Retour au départ", "Fiche suivante", "Fiche précédente", "Retour vers la matrice")


@pytest.fixture(scope="module")
def records(guide_seed):
    return content.records(guide_seed)


def of(records, model):
    return [record["fields"] for record in records if record["model"] == f"initiatives.{model}"]


def sheet(records, number):
    return next(fields for fields in of(records, "sheet") if fields["number"] == number)


@pytest.mark.parametrize(
    ("model", "count"),
    [
        ("enjeu", 4),
        ("level", 2),
        ("section", 9),
        ("lever", 28),
        ("sheet", 37),
        ("path", 5),
        ("pathstep", 43),
    ],
)
def test_it_yields_the_guide_s_number_of_each_kind(records, model, count):
    assert len(of(records, model)) == count


def test_records_come_in_dependency_order(records):
    models = [record["model"].removeprefix("initiatives.") for record in records]
    order = ["enjeu", "level", "section", "lever", "sheet", "path", "pathstep"]
    assert sorted(models, key=order.index) == models


def test_records_carry_no_primary_key_so_they_load_by_natural_key(records):
    assert all(set(record) == {"model", "fields"} for record in records)


def test_the_output_is_deterministic(guide_seed, records):
    again = content.records(guide_seed)
    assert json.dumps(again, ensure_ascii=False) == json.dumps(records, ensure_ascii=False)


def test_it_yields_37_sheets_with_nine_parts(records):
    sheets = of(records, "sheet")
    assert [fields["number"] for fields in sheets] == ["+"] + [str(n) for n in range(1, 37)]
    for fields in sheets:
        empty = [part for part in Sheet.PARTS if not fields[part].strip()]
        assert not empty, f"sheet {fields['number']} has empty parts {empty}"


def test_sheet_2_takes_its_title_from_its_page_and_keeps_the_sommaire_one_as_a_variant(records):
    fields = sheet(records, "2")
    assert fields["title"] == "Revue périodique et collaborative des processus de gouvernance"
    assert fields["title_variants"] == (
        "Revue périodique et collaborative des organes de gouvernance"
    )


def test_titles_lose_the_page_marker_and_the_badges_printed_after_them(records):
    fields = sheet(records, "18")
    assert fields["title"] == (
        "Accompagnement des PME pour la réponse aux appels d'offres lancés par des "
        "« acheteurs responsables »"
    )
    assert not any("/2)" in fields["title"] for fields in of(records, "sheet"))


def test_only_sommaire_titles_that_differ_become_variants(records):
    variants = {
        f["number"]: f["title_variants"] for f in of(records, "sheet") if f["title_variants"]
    }
    assert sorted(variants, key=int) == ["1", "2", "15", "16"]
    assert (
        variants["1"] == "Implication des parties prenantes dans les organes de gouvernance du pôle"
    )


def test_the_agenda_21_sheet_opens_the_list_in_the_strategy_section(records):
    fields = sheet(records, "+")
    assert (fields["slug"], fields["order"], fields["section"], fields["levers"]) == (
        "agenda-21",
        0,
        ["S"],
        [["demarche-agenda-21"]],
    )
    assert fields["title"] == "Stratégie structurée de développement durable de type Agenda 21"


def test_sheet_1_belongs_to_both_of_its_levers(records):
    fields = sheet(records, "1")
    assert fields["section"] == ["1A"]
    assert fields["levers"] == [
        ["concertation-parties-prenantes"],
        ["responsabilite-rendre-compte"],
    ]


def test_no_sheet_field_holds_an_email_a_phone_number_or_a_contact(records):
    for fields in of(records, "sheet"):
        for name, value in fields.items():
            if isinstance(value, str):
                assert not EMAIL.search(value), (fields["number"], name)
                assert not PHONE.search(value), (fields["number"], name)
                assert not CONTACT.search(value), (fields["number"], name)


def test_case_studies_keep_the_case_and_what_it_did(records):
    assert sheet(records, "+")["case_study"] == "- **Agenda 21 d'Images et Réseaux**"
    assert sheet(records, "35")["case_study"] == '- "Epicurium" du PEIFL'
    assert "peu développée au sein des pôles" in sheet(records, "20")["case_study"]


def test_no_page_furniture_is_left_in_any_text(records):
    for record in records:
        for name, value in record["fields"].items():
            if not isinstance(value, str):
                continue
            where = (record["model"], name, value[:40])
            assert not any(word in value for word in FURNITURE), where
            assert "&nbsp;" not in value, where
            assert not re.search(r"[ \t]$", value, re.MULTILINE), where
            assert not re.search(r"^\s*-\s*$", value, re.MULTILINE), where


def test_no_badge_numbers_are_left_in_the_parts(records):
    for fields in of(records, "sheet"):
        for part in Sheet.PARTS:
            assert not re.search(r"^\d+(<sub>\d</sub>)?$", fields[part], re.MULTILINE)
            assert not re.search(r"^\+ 1 2 3", fields[part], re.MULTILINE)


def test_nested_bullets_render_as_nested_lists(records):
    html = markdown.markdown(sheet(records, "+")["benefits"])
    assert html.count("<ul>") == 4  # the audiences, each with its own sub-list
    assert re.search(r"<li><strong>Pour le pôle :[^<]*</strong>\s*<ul>\s*<li>Diffusion", html)
    deep = markdown.markdown(sheet(records, "28")["key_steps"])
    assert re.search(r"<li>Réalisation du programme :\s*<ul>\s*<li>Phase collective", deep)


def test_markdown_nests_by_four_spaces(records):
    for fields in of(records, "sheet"):
        for part in Sheet.PARTS:
            for line in fields[part].splitlines():
                indent = len(line) - len(line.lstrip(" "))
                assert indent % 4 == 0, (fields["number"], part, line)


def test_an_irregular_indent_in_the_seed_still_nests_under_the_bullet_above(records):
    # Sheet 26 indents sub-bullets by 4 spaces under a top-level bullet (L3227–L3228).
    costs = sheet(records, "26")["costs"]
    assert "\n    - Néanmoins, possibilité de sous-traitance" in costs


def test_bullets_the_conversion_misplaced_are_at_their_depth(records):
    # Sheet 26's three kinds of cost are its three lead-ins (L3227–L3234).
    costs = sheet(records, "26")["costs"]
    assert "\n- **Un coût centré sur le temps de travail" in costs
    assert "\n    - Capitalisation sur le réseau existant" in costs
    assert "\n- **Un coût globalement très faible**\n    - A condition que le pôle" in costs
    # Sheet 12's « formation en 4 modules » lists four sibling modules (L2026–L2030).
    modules = sheet(records, "12")["key_steps"].split("(7 journées de formation collective)**\n")[1]
    assert modules.startswith(
        "    - Principes, stratégies, méthodes et outils d'éco-conception\n"
        "    - Eco-efficience des procédés\n"
        "    - Méthodologies d'évaluation environnementale\n"
        "    - Communication environnementale sur le produit\n- **"
    )


def test_a_line_the_page_set_apart_is_a_paragraph_of_its_bullet_not_html(records):
    steps = sheet(records, "15")["key_steps"]
    assert "<br>" not in steps
    html = markdown.markdown(steps)
    assert re.search(
        r"<li>\s*<p>Générer et collecter des idées[^<]*</p>\s*<p>Dans le cas de la création", html
    )
    assert re.search(r"<li>\s*<p><strong>Phase 2 - Maturation", html)


def test_a_footnote_follows_the_parts_that_call_it(records):
    fields = sheet(records, "28")
    note = "<sup>1</sup> Associations Régionales de l'Industrie Automobile"
    assert fields["actors"].endswith(note)
    assert fields["key_steps"].endswith(note)
    assert note not in fields["costs"]


def test_applicability_keeps_the_values_without_bold(records):
    assert (sheet(records, "6")["sector"], sheet(records, "6")["maturity"]) == (
        'tous pôles, surtout thématiques "public"',
        "tous pôles ayant déjà constitué un réseau",
    )
    assert sheet(records, "8")["sector"] == "tous secteurs avec donneurs d'ordre"
    assert not any("*" in f["sector"] + f["maturity"] for f in of(records, "sheet"))


def test_sheets_cite_both_of_their_pages(records):
    assert sheet(records, "+")["source_lines"] == "L788–L877"
    assert sheet(records, "2")["source_lines"] == "L1000–L1075"
    assert sheet(records, "28")["source_lines"] == "L3373–L3452"
    assert sheet(records, "36")["source_lines"] == "L4103–L4184"


def test_the_principle_is_transcribed_from_the_seed(records, guide_seed):
    assert sheet(records, "1")["principle"] == guide_seed.line(923)


def test_enjeux_carry_the_guide_s_interpretation_of_their_axis(records):
    enjeux = {fields["code"]: fields for fields in of(records, "enjeu")}
    assert list(enjeux) == ["A", "B", "C", "D"]
    assert enjeux["A"]["interpretation"].startswith(
        "- **Enjeu central du DD mais peu visible pour les pôles**"
    )
    assert "intégration sociale" in enjeux["C"]["interpretation"]
    assert "\n    - 3<sup>e</sup> niveau" in enjeux["B"]["interpretation"]
    assert enjeux["D"]["colour"] == "#6a3d9a"


def test_levels_are_described_from_the_two_action_levels_page(records):
    levels = of(records, "level")
    assert [(f["number"], f["name"]) for f in levels] == [
        (1, "Fonctionnement interne"),
        (2, "Sphère d'influence"),
    ]
    assert "Appropriation du DD en interne" in levels[0]["description"]


def test_sections_follow_the_matrix_order_after_the_strategy(records):
    sections = of(records, "section")
    assert [(f["code"], f["order"]) for f in sections] == list(
        zip(["S", "1A", "2A", "1B", "2B", "1C", "2C", "1D", "2D"], range(9), strict=True)
    )
    assert (sections[0]["enjeu"], sections[0]["level"]) == (None, None)
    assert (sections[4]["enjeu"], sections[4]["level"]) == (["B"], [2])


def test_sections_take_title_tagline_and_synopsis_from_their_page(records):
    section = {f["code"]: f for f in of(records, "section")}["1A"]
    assert section["title"] == (
        "Gouvernance, territoires et parties prenantes dans le fonctionnement interne"
    )
    assert section["tagline"].startswith("La gouvernance dans le fonctionnement interne")
    assert "\n    - L'implication des parties prenantes" in section["synopsis"]
    assert "Concertation" not in section["synopsis"]  # the levers are records of their own


def test_the_strategy_section_quotes_the_ninth_section_and_the_agenda_21(records):
    synopsis = of(records, "section")[0]["synopsis"]
    assert "9<sup>e</sup> section" in synopsis
    assert "repassent tous par la fiche +" in synopsis


def test_levers_are_numbered_within_their_section_and_described(records):
    levers = of(records, "lever")
    orders = Counter(tuple(f["section"]) for f in levers)
    assert orders == {
        ("S",): 1,
        ("1A",): 3,
        ("2A",): 4,
        ("1B",): 1,
        ("2B",): 7,
        ("1C",): 2,
        ("2C",): 5,
        ("1D",): 1,
        ("2D",): 4,
    }
    for section, count in orders.items():
        assert sorted(f["order"] for f in levers if tuple(f["section"]) == section) == list(
            range(1, count + 1)
        )
    assert all(fields["description"] for fields in levers)
    formations = next(f for f in levers if f["slug"] == "formations")
    assert formations["description"].startswith("Dans la lignée de leur mission")
    assert "<" not in formations["description"]


def test_paths_take_their_names_from_the_start_buttons(records):
    paths = of(records, "path")
    assert [(f["code"], f["slug"], f["order"]) for f in paths] == [
        ("GOU", "gou", 1),
        ("ENV", "env", 2),
        ("RH", "rh", 3),
        ("RD", "rd", 4),
        ("EXE", "exe", 5),
    ]
    assert paths[4]["name"] == "Exemplarité en DD dans le fonctionnement interne"
    assert all("fiche +, l'Agenda 21 du pôle" in f["description"] for f in paths)


def test_thematic_paths_share_their_enjeu_s_colour_and_exemplarity_is_neutral(records):
    colours = {f["code"]: f["colour"] for f in of(records, "enjeu")}
    for fields in of(records, "path"):
        expected = colours[fields["enjeu"][0]] if fields["enjeu"] else "#4d4d4d"
        assert fields["colour"] == expected


def test_only_the_rd_path_says_it_has_four_steps(records):
    four = [f["code"] for f in of(records, "path") if "constitué de 4 étapes" in f["description"]]
    assert four == ["RD"]


def printed_badges(guide_seed, fields):
    """Numbers printed after a sheet's title on page 1/2: path badges, then the sheet number."""
    first = int(re.match(r"L(\d+)", fields["source_lines"])[1])
    numbers = []
    for line in guide_seed.lines[first - 1 :]:
        if line.startswith("## "):
            break
        tail = line.split("(1/2)")[-1]
        numbers += re.findall(r"(\d+)(?:<sub>(\d)</sub>)?", tail)
    return [(int(step), int(option) if option else None) for step, option in numbers]


def test_path_steps_agree_with_the_badges_printed_in_the_guide(records, guide_seed):
    steps = of(records, "pathstep")
    codes = [f["code"] for f in of(records, "path")]
    for fields in of(records, "sheet")[1:]:
        printed = printed_badges(guide_seed, fields)
        mine = sorted(
            (s for s in steps if s["sheet"] == [fields["number"]]),
            key=lambda s: codes.index(s["path"][0]),  # the thematic badge comes before EXE's
        )
        assert mine, f"sheet {fields['number']} is on no path"
        if printed:
            assert printed[-1] == (int(fields["number"]), None)
            assert [(s["step"], s["option"]) for s in mine] == printed[:-1], fields["number"]
        else:
            assert all(s["inferred"] for s in mine), fields["number"]


def test_only_the_sheets_without_badges_are_placed_by_inference(records):
    inferred = {s["sheet"][0] for s in of(records, "pathstep") if s["inferred"]}
    assert inferred == {"11", "24", "25"}


def test_the_rh_path_matches_the_bar_printed_on_sheets_22_and_31(records, guide_seed):
    assert guide_seed.line(2895) == guide_seed.line(3664)
    bar = re.findall(r"(\d+)(?:<sub>(\d)</sub>)?", guide_seed.line(2895))
    rh = [(s["step"], s["option"]) for s in of(records, "pathstep") if s["path"] == ["RH"]]
    assert rh == [(int(step), int(option) if option else None) for step, option in bar]


def test_path_steps_fill_one_slot_each_with_options_only_where_a_step_offers_a_choice(records):
    steps = of(records, "pathstep")
    slots = Counter((s["path"][0], s["step"], s["option"]) for s in steps)
    assert max(slots.values()) == 1
    for fields in steps:
        siblings = [s for s in steps if (s["path"], s["step"]) == (fields["path"], fields["step"])]
        assert (fields["option"] is None) == (len(siblings) == 1)


def test_a_path_table_that_contradicts_the_badges_is_rejected(guide_seed, monkeypatch):
    swapped = dict(content.PATH_TABLE, GOU="1:1 2:2 3:7 4:5 5.1:3 5.2:4 6:6 7:8")
    monkeypatch.setattr(content, "PATH_TABLE", swapped)
    with pytest.raises(ValueError, match="prints"):
        content.records(guide_seed)


def test_no_person_named_as_a_contact_in_the_guide_is_published(records, guide_seed):
    contacts = [
        line.split(":", 1)[1].strip()
        for line in guide_seed.lines
        if line.strip().startswith("- Contact :")
    ]
    people = [name for name in contacts if not name.startswith("Pôle")]
    assert len(people) >= 20  # the 2012 case contacts (guide-structure §5.3)
    published = json.dumps(records, ensure_ascii=False)
    assert not [name for name in people if name in published]
