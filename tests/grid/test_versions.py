"""Comparing years filled on different grid versions (grid.versions, pure)."""

from fractions import Fraction as F

from grid.scoring import AnswerValue, GridSpec, QuestionSpec, score
from grid.versions import left_out_codes, restrict, shared_codes, version_gap

WEIGHTS = {"++": F(1), "+": F(2, 3), "-": F(1, 3), "--": F(0)}


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


def test_version_gap_names_each_version_with_its_years_and_what_is_left_out():
    gap = version_gap({2023: V1, 2024: V1, 2025: V2})
    assert gap.versions == [("v1", [2023, 2024]), ("v2", [2025])]
    assert gap.shared == {"S-1", "1A-1", "2A-1"}
    assert gap.left_out == ["1A-2", "2A-9"]


def test_years_on_one_version_have_no_gap():
    assert version_gap({2024: V1, 2025: V1}) is None
