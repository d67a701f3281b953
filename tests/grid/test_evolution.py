"""The pure parts of the year-over-year page: years chosen, deltas, shared questions, changes."""

from decimal import Decimal
from fractions import Fraction as F

import pytest

from grid.evolution import (
    MAX_YEARS,
    ChangedAnswer,
    changed_answers,
    choose_years,
    left_out_codes,
    note_rows,
    radars,
    restrict,
    shared_codes,
    year_styles,
)
from grid.presenters import delta
from grid.scoring import AnswerValue, GridSpec, QuestionSpec, score

NBSP = "\u00a0"
WEIGHTS = {"++": F(1), "+": F(2, 3), "-": F(1, 3), "--": F(0)}


# --- which years ---


def test_by_default_it_shows_the_five_latest_years_and_compares_the_last_two():
    choice = choose_years([2025, 2020, 2021, 2022, 2023, 2024])
    assert choice.shown == (2021, 2022, 2023, 2024, 2025)  # newest last
    assert (choice.before, choice.after) == (2024, 2025)
    assert choice.errors == ()


def test_it_keeps_the_years_asked_for():
    choice = choose_years([2023, 2024, 2025], shown=["2025", "2023"], before="2023", after="2025")
    assert choice.shown == (2023, 2025)
    assert (choice.before, choice.after) == (2023, 2025)
    assert choice.errors == ()


def test_it_reads_the_compared_years_from_older_to_newer():
    choice = choose_years([2023, 2024, 2025], before="2025", after="2023")
    assert (choice.before, choice.after) == (2023, 2025)


@pytest.mark.parametrize(
    ("shown", "unknown"),
    [(["1999"], "1999"), (["abc"], "abc"), (["2024", "2024.5", "2025"], "2024.5"), ([""], "")],
)
def test_an_unknown_year_gives_the_defaults_and_says_which(shown, unknown):
    choice = choose_years([2023, 2024, 2025], shown=shown)
    assert choice.shown == (2023, 2024, 2025)
    assert choice.errors == (
        f"Années inconnues pour ce pôle : {unknown}. Les années par défaut sont affichées.",
    )


def test_more_than_five_years_keeps_the_five_latest_and_says_so():
    years = list(range(2019, 2026))
    choice = choose_years(years, shown=[str(y) for y in years])
    assert choice.shown == tuple(years[-MAX_YEARS:])
    assert choice.errors == ("5 années au plus : les 5 plus récentes cochées sont affichées.",)


def test_a_form_sent_with_no_year_ticked_gives_the_defaults_and_says_so():
    choice = choose_years([2024, 2025], before="2024", after="2025")
    assert choice.shown == (2024, 2025)
    assert choice.errors == ("Aucune année cochée : les années par défaut sont affichées.",)


@pytest.mark.parametrize(
    ("before", "after"), [("2024", "2024"), ("1999", "2025"), ("2024", "x"), ("2025", "")]
)
def test_a_bad_pair_compares_the_last_two_years_and_says_so(before, after):
    choice = choose_years([2023, 2024, 2025], shown=["2023"], before=before, after=after)
    assert (choice.before, choice.after) == (2024, 2025)
    assert choice.shown == (2023,)
    (error,) = choice.errors
    assert error.startswith(f"Comparaison impossible entre « {before} » et « {after} »")


def test_one_year_has_nothing_to_compare():
    assert choose_years([2025]) == choose_years([2025], shown=["2025"])
    choice = choose_years([2025])
    assert choice.shown == (2025,) and choice.before is None and choice.after is None
    assert choose_years([2025], shown=["2025"], before="2025").errors == (
        "Il faut deux années pour comparer des réponses.",
    )


def test_no_year_at_all():
    choice = choose_years([])
    assert choice.shown == () and choice.before is None and choice.errors == ()


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


# --- grid versions: notes on the questions both versions share ---

# Two small versions: v2 drops 1A-2 and adds 2A-9.
V1 = GridSpec("v1", (
    QuestionSpec("S-1", "S", 4), QuestionSpec("1A-1", "1A", 2), QuestionSpec("1A-2", "1A", 2),
    QuestionSpec("2A-1", "2A", 4),
), WEIGHTS)
V2 = GridSpec("v2", (
    QuestionSpec("S-1", "S", 4), QuestionSpec("1A-1", "1A", 2), QuestionSpec("2A-1", "2A", 4),
    QuestionSpec("2A-9", "2A", 3),
), WEIGHTS)


def answers(**values):
    return {code.replace("_", "-"): AnswerValue(value) for code, value in values.items()}


def test_shared_codes_and_the_codes_left_out():
    shared = shared_codes([V1, V2])
    assert shared == {"S-1", "1A-1", "2A-1"}
    assert left_out_codes([V1, V2], shared) == ["1A-2", "2A-9"]
    assert shared_codes([]) == frozenset()


def test_restrict_keeps_the_order_barèmes_and_weights_of_the_shared_questions():
    restricted = restrict(V1, {"2A-1", "S-1", "9Z-9"})
    assert restricted.questions == (QuestionSpec("S-1", "S", 4), QuestionSpec("2A-1", "2A", 4))
    assert restricted.code == "v1" and restricted.weights == WEIGHTS
    assert V1.questions[2].code == "1A-2"  # the original is untouched


def test_notes_on_shared_questions_worked_by_hand():
    shared = shared_codes([V1, V2])
    year_1 = answers(S_1="++", **{"1A_1": "+", "1A_2": "--", "2A_1": "-"})
    # Whole v1: F = 1, so the note is R = (2 × 2/3 + 0 + 4 × 1/3) / (2 + 2 + 4) = 1/3.
    assert score(V1, year_1).global_note == F(1, 3)
    # Shared questions only (1A-2 left out): R = (4/3 + 4/3) / (2 + 4) = 4/9.
    on_shared = score(restrict(V1, shared), year_1)
    assert on_shared.global_note == F(4, 9)
    assert on_shared.sections["1A"] == F(2, 3)  # 1A-1 alone: 4/3 over 2
    assert on_shared.completion == 1

    year_2 = answers(S_1="+", **{"1A_1": "++", "2A_1": "++", "2A_9": "--"})
    # Whole v2: F = 2/3, multiplier ¼ + ¾ × 2/3 = 3/4; R = (2 + 4 + 0) / 9 = 2/3: note 1/2.
    assert score(V2, year_2).global_note == F(1, 2)
    # Shared questions only (2A-9 left out): R = 6/6 = 1, note 3/4.
    assert score(restrict(V2, shared), year_2).global_note == F(3, 4)


# --- changed answers ---


def test_changed_answers_include_new_blank_and_new_answers_not_comment_only_edits():
    questions = [("S-1", "Stratégie"), ("1A-1", "Un"), ("1A-2", "Deux"), ("1A-3", "Trois"),
                 ("2A-1", "Quatre")]
    before = {
        "S-1": AnswerValue("+", "informel"), "1A-1": AnswerValue("++", "avant"),
        "1A-2": AnswerValue("-"), "2A-1": AnswerValue("--", "ancien"),
    }
    after = {
        "S-1": AnswerValue("++", "formalisé"), "1A-1": AnswerValue("++", "après"),
        "1A-2": AnswerValue(None), "1A-3": AnswerValue("+"), "2A-1": AnswerValue("--", "ancien"),
    }
    assert changed_answers(questions, before, after) == [
        ChangedAnswer("S-1", "Stratégie", AnswerValue("+", "informel"),
                      AnswerValue("++", "formalisé")),
        ChangedAnswer("1A-2", "Deux", AnswerValue("-"), AnswerValue(None)),  # became blank
        ChangedAnswer("1A-3", "Trois", AnswerValue(None), AnswerValue("+")),  # newly answered
    ]


def test_a_changed_answer_names_both_answers():
    change = ChangedAnswer("1A-1", "Un", AnswerValue(None), AnswerValue("na", "motif"))
    assert (change.before_label, change.after_label) == ("sans réponse", "non applicable")


def test_no_change_gives_an_empty_list():
    same = {"S-1": AnswerValue("++")}
    assert changed_answers([("S-1", "Stratégie")], same, dict(same)) == []
