"""Deltas, the table of notes and the radars of several years (reports.summary,
reports.presenters, pure)."""

from decimal import Decimal
from fractions import Fraction as F

from grid.scoring import AnswerValue, GridSpec, QuestionSpec, score
from reports.presenters import radars, year_styles
from reports.summary import delta, note_rows

NBSP = "\u00a0"
WEIGHTS = {"++": F(1), "+": F(2, 3), "-": F(1, 3), "--": F(0)}


# --- deltas ---


def test_a_rise_reads_as_an_arrow_signed_points_and_words():
    change = delta(F(5, 8), F(2, 3))  # 62,5 % → 66,7 %
    assert change.points == Decimal("4.2")
    assert (change.arrow, change.text, change.words) == ("▲", f"+4,2{NBSP}pts", "en hausse")


def test_a_fall_below_two_points_is_singular_with_a_true_minus_sign():
    change = delta(0.5, 0.49)
    assert (change.arrow, change.text, change.words) == ("▼", f"\u22121,0{NBSP}pt", "en baisse")


def test_no_change_reads_as_stable():
    change = delta(F(1, 3), F(1, 3))
    assert (change.arrow, change.text, change.words) == ("=", f"0,0{NBSP}pt", "stable")


def test_the_delta_is_the_difference_of_the_notes_as_shown():
    # 33,3 % → 33,5 % on the page: the reader expects +0,2, though the exact change is 0,12.
    assert delta(0.3334, 0.3346).text == f"+0,2{NBSP}pt"


def test_an_undefined_note_has_no_delta():
    assert delta(None, F(1, 2)) is None and delta(F(1, 2), None) is None


def test_note_rows_interleave_years_and_deltas_and_show_undefined_notes_as_a_dash():
    spec = GridSpec("g", (QuestionSpec("S-1", "S", 4), QuestionSpec("1A-1", "1A", 2)), WEIGHTS)
    first = score(spec, {"S-1": AnswerValue("++"), "1A-1": AnswerValue("na", "motif")})
    second = score(spec, {"S-1": AnswerValue("++"), "1A-1": AnswerValue("+")})
    groups = dict(note_rows([first, second], {"A": "Gouvernance"}))
    assert list(groups) == ["Synthèse", "Enjeux (radar A–D)", "Niveaux", "Sections"]
    global_row = groups["Synthèse"][0]
    assert global_row.label == "Note globale"
    assert [cell.text for cell in global_row.cells] == ["—", "", f"66,7{NBSP}%"]
    assert global_row.cells[1].is_delta and global_row.cells[1].delta is None
    factor_row = groups["Synthèse"][1]
    assert factor_row.cells[1].delta.text == f"0,0{NBSP}pt"
    assert groups["Enjeux (radar A–D)"][0].label == "A · Gouvernance"
    assert [row.label for row in groups["Sections"]][:2] == ["Section 1A", "Section 2A"]


# --- radars ---


def test_each_year_has_its_own_colour_dash_and_marker_the_newest_first():
    styles = year_styles([2021, 2022, 2023, 2024, 2025])
    assert styles[2025]["dash"] == "solid" and styles[2025]["colour"] == "#163d6b"
    for key in ("colour", "dash", "symbol"):
        assert len({style[key] for style in styles.values()}) == 5


def test_radars_carry_one_trace_per_year():
    spec = GridSpec("g", (QuestionSpec("S-1", "S", 4), QuestionSpec("1A-1", "1A", 2)), WEIGHTS)
    scores = [score(spec, {"S-1": AnswerValue(a), "1A-1": AnswerValue("++")}) for a in "+-"]
    drawn = radars([2024, 2025], scores)
    assert [radar["key"] for radar in drawn] == ["global", "level1", "level2"]
    level1 = drawn[1]
    assert level1["labels"] == ["1A", "1B", "1C", "1D"]
    assert [trace["name"] for trace in level1["traces"]] == ["2024", "2025"]
    # 1A: R = 1, F = 2/3 then 1/3: 75 % then 50 %.
    assert [trace["texts"][0] for trace in level1["traces"]] == [f"75,0{NBSP}%", f"50,0{NBSP}%"]
