"""The assessment summary the results page, the PDF and the year-over-year page share
(reports.summary), on hand-worked cases."""

from fractions import Fraction as F

from grid.scoring import AnswerValue, GridSpec, QuestionSpec, score
from reports.summary import YearNotes, compared_notes, factor_width, note_rows, note_texts

NBSP = "\u00a0"
WEIGHTS = {"++": F(1), "+": F(2, 3), "-": F(1, 3), "--": F(0)}
V1 = GridSpec("v1", (QuestionSpec("S-1", "S", 4), QuestionSpec("1A-1", "1A", 2),
                     QuestionSpec("1A-2", "1A", 2)), WEIGHTS)
V2 = GridSpec("v2", (QuestionSpec("S-1", "S", 4), QuestionSpec("1A-1", "1A", 2)), WEIGHTS)
ANSWERS_2024 = {"S-1": AnswerValue("++"), "1A-1": AnswerValue("++"), "1A-2": AnswerValue("--")}
ANSWERS_2025 = {"S-1": AnswerValue("++"), "1A-1": AnswerValue("+")}


def year(number, version_id, spec, answers):
    return YearNotes(number, version_id, score(spec, answers, []), lambda: (spec, answers, []))


def unread(number, version_id, spec, answers):
    def inputs():
        raise AssertionError("one version: the answers are not read again")
    return YearNotes(number, version_id, score(spec, answers, []), inputs)


def test_years_on_one_version_compare_as_stored_without_reading_their_answers():
    years = [unread(2024, 1, V1, ANSWERS_2024), unread(2025, 1, V1, ANSWERS_2024)]
    compared = compared_notes(years)
    assert compared.gap is None
    assert compared.scores == [years[0].scores, years[1].scores]


def test_years_on_two_versions_compare_on_the_questions_they_share():
    # 2024 on its own grid: 1A = (2 × 1 + 2 × 0) / 4 = 50 %, F = 100 %, so 50 %.
    years = [year(2024, 1, V1, ANSWERS_2024), year(2025, 2, V2, ANSWERS_2025)]
    assert years[0].scores.global_note == F(1, 2)
    compared = compared_notes(years)
    assert compared.gap.shared == {"S-1", "1A-1"} and compared.gap.left_out == ["1A-2"]
    # On S-1 and 1A-1 only: 2024 has 1A = 100 %, 2025 has 1A = 2/3.
    assert [s.global_note for s in compared.scores] == [F(1), F(2, 3)]
    assert compared.scores[0].completion == 1  # completion stays the year's own


def test_the_table_gives_each_row_its_newest_note_the_one_before_and_the_delta():
    compared = compared_notes([year(2024, 1, V1, ANSWERS_2024), year(2025, 2, V2, ANSWERS_2025)])
    groups = dict(note_rows(compared.scores, {"A": "Gouvernance"}))
    global_row = groups["Synthèse"][0]
    assert global_row.kind == "global"
    assert (global_row.previous.text, global_row.current.text) == (f"100,0{NBSP}%",
                                                                   f"66,7{NBSP}%")
    assert global_row.latest_delta.text == f"\u221233,3{NBSP}pts"
    assert [row.kind for row in groups["Synthèse"]] == ["global", "factor", "completion"]
    alone = dict(note_rows(compared.scores[1:], {}))["Synthèse"][0]
    assert alone.previous is None and alone.latest_delta is None


def test_the_gauge_and_the_notes_as_printed():
    scores = score(V2, {"S-1": AnswerValue("+"), "1A-1": AnswerValue("++")}, [])
    assert factor_width(scores) == "66.7"  # a point, whatever the language: SVG and CSS read it
    texts = note_texts(scores)
    assert (texts["factor"], texts["section-1A"]) == (f"66,7{NBSP}%", f"75,0{NBSP}%")
    assert texts["global-maturity"] == ""  # no maturity levels given
    assert factor_width(score(V2, {}, [])) == "0.0"
