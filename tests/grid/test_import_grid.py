"""The `cgdd-2012` grid as fixture records: a pure function of the seed, no database needed."""

import pytest

from initiatives.guide_import import grid
from initiatives.guide_import.levers import LEVERS

# DESIGN §3's table, copied by hand: code, barème, linked sheets, in table order.
DESIGN_TABLE = [
    ("S-1", 4, ["+"]), ("S-2", 4, ["+"]), ("S-3", 4, ["+"]), ("S-4", 4, ["+"]),
    ("1A-1", 2, ["1"]), ("1A-2", 2, ["1"]), ("1A-3", 4, ["2"]),
    ("2A-1", 2, ["3", "4"]), ("2A-2", 2, ["5", "6"]), ("2A-3", 4, ["7"]), ("2A-4", 2, ["8"]),
    ("1B-1", 2, ["9"]), ("1B-2", 2, ["10"]),
    ("2B-1", 2, ["11"]), ("2B-2", 3, ["12"]), ("2B-3", 4, ["13"]), ("2B-4", 2, ["14"]),
    ("2B-5", 4, ["15"]), ("2B-6", 2, ["16"]), ("2B-7", 3, ["17"]), ("2B-8", 3, ["18"]),
    ("2B-9", 4, ["19"]),
    ("1C-1", 2, ["20"]), ("1C-2", 3, ["21"]),
    ("2C-1", 3, ["22"]), ("2C-2", 2, ["23"]), ("2C-3", 3, ["24"]), ("2C-4", 2, ["25"]),
    ("2C-5", 2, ["26"]), ("2C-6", 2, ["27"]), ("2C-7", 3, ["28"]), ("2C-8", 2, ["29"]),
    ("2C-9", 1, ["30"]), ("2C-10", 3, ["31"]), ("2C-11", 3, ["32"]), ("2C-12", 3, []),
    ("1D-1", 2, ["33"]),
    ("2D-1", 1, []), ("2D-2", 4, ["34"]), ("2D-3", 2, ["35"]), ("2D-4", 3, ["36"]),
]

VERBATIM_CODES = ["S-1", "S-2", "S-3", "S-4", "1A-1", "1A-2", "1A-3",
                  "2A-1", "2A-2", "2A-3", "2A-4"]


@pytest.fixture(scope="module")
def records(guide_seed):
    return grid.records(guide_seed)


@pytest.fixture(scope="module")
def questions(records):
    return [r["fields"] for r in records if r["model"] == "grid.question"]


def by_code(questions):
    return {q["code"]: q for q in questions}


def test_there_is_one_grid_version_with_the_design_weights_and_a_fixed_date(records):
    versions = [r["fields"] for r in records if r["model"] == "grid.gridversion"]
    assert len(versions) == 1
    version = versions[0]
    assert version["code"] == "cgdd-2012"
    assert version["name"] == "Grille d'autoévaluation CGDD 2012"
    assert version["answer_weights"] == {"++": "1", "+": "2/3", "-": "1/3", "--": "0"}
    assert version["derived_from"] is None
    assert version["created_at"] == "2012-09-01T00:00:00Z"
    assert "41" in version["description"]


def test_the_version_comes_before_its_questions(records):
    assert records[0]["model"] == "grid.gridversion"
    assert {r["model"] for r in records[1:]} == {"grid.maturitylevel", "grid.question"}


def test_records_have_no_primary_key(records):
    assert all(set(r) == {"model", "fields"} for r in records)


def test_there_are_41_questions_of_the_version(questions):
    assert len(questions) == 41
    assert all(q["version"] == ["cgdd-2012"] for q in questions)


def test_codes_baremes_and_sheets_are_the_design_table_in_order(questions):
    got = [(q["code"], q["bareme"], [s[0] for s in q["sheets"]]) for q in questions]
    assert got == DESIGN_TABLE
    assert [q["order"] for q in questions] == list(range(1, 42))


def test_each_question_sits_in_the_section_its_code_names(questions):
    assert all(q["section"] == [q["code"].split("-")[0]] for q in questions)


def test_baremes_sum_as_the_guide_shows_for_s_1a_and_2a(questions):
    totals = {}
    for q in questions:
        totals[q["section"][0]] = totals.get(q["section"][0], 0) + q["bareme"]
    # L441–L455: the visible maxima are Stratégie 16, 1A 8, 2A 10.
    assert (totals["S"], totals["1A"], totals["2A"]) == (16, 8, 10)


def test_the_11_verbatim_texts_are_printed_in_the_seed_at_their_cited_line(questions, guide_seed):
    verbatim = [q for q in questions if q["origin"] == "verbatim"]
    assert [q["code"] for q in verbatim] == VERBATIM_CODES
    for q in verbatim:
        line = int(q["source_lines"].removeprefix("L"))
        assert guide_seed.line(line).startswith(q["text"] + "\t"), q["code"]
        assert q["anchor_sheet"] is None


def test_verbatim_texts_are_kept_as_printed(questions):
    texts = by_code(questions)
    assert texts["S-3"]["text"].startswith("Les acteurs du pôle")
    assert " ET " in texts["1A-1"]["text"]
    # The guide prints 2A-3 without its final full stop.
    assert texts["2A-3"]["text"].endswith("schémas locaux de développement durable")
    assert not any(q["text"].endswith(" x") or "\t" in q["text"] for q in questions)


def test_the_30_reconstructed_rows_read_like_the_guides_affirmations(questions):
    rebuilt = [q for q in questions if q["origin"] == "reconstructed"]
    assert len(rebuilt) == 30
    for q in rebuilt:
        text = q["text"]
        assert text.startswith("Le pôle "), q["code"]
        assert text.endswith("."), q["code"]
        assert 60 <= len(text) <= 260, q["code"]
        assert text.count(". ") == 0, f"{q['code']}: one sentence"
        assert '"' not in text and "’" not in text, f"{q['code']}: French quotes, straight '"


def test_verbatim_rows_start_like_the_guides_rows(questions):
    for q in questions:
        if q["origin"] == "verbatim":
            assert q["text"].startswith(("Le pôle ", "Les acteurs ")), q["code"]


def test_reconstructed_rows_cite_their_anchor_sheets_principe(questions, guide_seed):
    for q in questions:
        if q["origin"] != "reconstructed" or q["anchor_sheet"] is None:
            continue
        assert q["sheets"] == [q["anchor_sheet"]], q["code"]
        line = int(q["source_lines"].removeprefix("L"))
        assert guide_seed.line(line - 2) == "## Principe", q["code"]


def test_the_two_rows_without_a_sheet_cite_the_guides_own_lines(questions, guide_seed):
    rows = by_code(questions)
    assert rows["2C-12"]["anchor_sheet"] is None
    assert rows["2C-12"]["source_lines"] == "L515"
    assert "intégration sociale" in guide_seed.line(515)
    assert rows["2D-1"]["anchor_sheet"] is None
    assert rows["2D-1"]["source_lines"] == "L533, L3907–L3909"
    assert guide_seed.line(3907) == "## Projets de R&D, projets structurants et démonstrateurs"


def test_every_lever_slug_exists(questions):
    slugs = {lever.slug for lever in LEVERS}
    for q in questions:
        assert {s[0] for s in q["levers"]} <= slugs, q["code"]


def test_levers_are_those_the_design_names(questions):
    rows = {q["code"]: [s[0] for s in q["levers"]] for q in questions}
    assert all(rows[f"S-{n}"] == ["demarche-agenda-21"] for n in range(1, 5))  # L442–L445
    assert rows["1A-1"] == ["concertation-parties-prenantes"]
    assert rows["1A-2"] == ["responsabilite-rendre-compte"]
    assert rows["1A-3"] == ["evaluation-amelioration-continue"]
    assert rows["2A-1"] == ["promotion-rse-sphere-influence"]
    assert rows["2A-2"] == ["partage-reflexion-prospective"]
    assert rows["2A-3"] == ["demarches-territoriales-dd"]
    assert rows["2A-4"] == ["bonnes-pratiques-affaires"]
    assert rows["2C-12"] == ["mesures-emploi-salaries"]
    assert rows["2D-1"] == ["projets-rd-demonstrateurs"]
    assert rows["2B-5"] == ["ecologie-industrielle"]
    assert rows["2C-6"] == ["anticipation-competences-filiere"]


def test_every_other_row_takes_the_lever_of_its_sheet(questions):
    sheet_lever = {number: lever.slug for lever in LEVERS for number in lever.sheets
                   if lever.section not in ("1A",)}
    for q in questions:
        if q["origin"] == "reconstructed" and q["sheets"]:
            assert [s[0] for s in q["levers"]] == [sheet_lever[q["sheets"][0][0]]], q["code"]


def test_every_sheet_1_to_36_and_agenda21_is_reachable_from_a_question(questions):
    linked = {s[0] for q in questions for s in q["sheets"]}
    assert linked == {"+", *(str(n) for n in range(1, 37))}


def test_output_is_deterministic(guide_seed, records):
    assert grid.records(guide_seed) == records
