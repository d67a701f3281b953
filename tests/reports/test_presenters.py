"""Deltas, the table of notes and the radars of several years (reports.summary,
reports.presenters, pure)."""

from decimal import Decimal
from fractions import Fraction as F

import pytest

from grid.maturity import default_scale
from grid.presenters import axis_title
from grid.scoring import AnswerValue, GridSpec, QuestionSpec, score
from reports import charts
from reports.presenters import radar_series, radars, year_styles
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


NAMES = {"A": "Gouvernance", "B": "Environnement", "C": "Emploi et RH", "D": "R&D et innovation"}


def test_radar_axes_carry_the_enjeux_names_wrapped_and_escaped_for_plotly():
    # Issue #23: axes named, not letters only; short lines, so that the corners leave the chart
    # room at 390 px; « & » escaped, Plotly reading its text as HTML.
    assert axis_title("D", "R&D et innovation") == "D<br>R&amp;D et<br>innovation"
    assert axis_title("1B", "Environnement") == "1B<br>Environnement"
    assert axis_title("A", "") == "A"
    spec = GridSpec("g", (QuestionSpec("S-1", "S", 4), QuestionSpec("1A-1", "1A", 2)), WEIGHTS)
    series = radar_series(score(spec, {"S-1": AnswerValue("++"), "1A-1": AnswerValue("+")}),
                          default_scale(), NAMES)
    assert series["global"]["axes"][0] == "A<br>Gouvernance"
    assert series["level2"]["axes"][3] == "2D<br>R&amp;D et<br>innovation"
    # The table under the chart: each axis named, its note and its level by name; a level's
    # letter never follows a note (« C » would read as the enjeu C).
    assert series["level1"]["rows"][0] == {
        "title": "1A · Gouvernance", "text": f"66,7{NBSP}%", "level": "Confirmé"}
    assert series["level1"]["rows"][1]["level"] == "—"  # 1B: no question, no note
    assert series["level1"]["cells"][0] == f"66,7{NBSP}% · Confirmé"
    assert series["level1"]["names"][:2] == ["Confirmé", ""]
    # A simulation's series leave the titles out: the page keeps its own.
    assert "axes" not in radar_series(score(spec, {}), default_scale())["global"]


def test_the_year_over_year_radars_carry_the_axis_titles():
    spec = GridSpec("g", (QuestionSpec("S-1", "S", 4), QuestionSpec("1A-1", "1A", 2)), WEIGHTS)
    scores = [score(spec, {"S-1": AnswerValue(a), "1A-1": AnswerValue("++")}) for a in "+-"]
    drawn = radars([2024, 2025], scores, names=NAMES)
    assert drawn[0]["axes"] == ["A<br>Gouvernance", "B<br>Environnement",
                                "C<br>Emploi et RH", "D<br>R&amp;D et<br>innovation"]
    assert drawn[1]["axes"][0] == "1A<br>Gouvernance"


def test_the_pdf_radar_names_its_axes_at_the_corners_and_keeps_them_on_the_figure():
    chart = charts.radar(["A", "B", "C", "D"], [charts.Trace("2025", (0.4, 0.3, 0.2, 0.1),
                                                             "#1f4e79")],
                         226, 200, names=list(NAMES.values()))
    assert [label["lines"] for label in chart["labels"]] == [
        ["Gouvernance"], ["Environnement"], ["Emploi et RH"], ["R&D et", "innovation"]]
    # A at the top right, then clockwise: the labels at the four corners.
    assert [label["anchor"] for label in chart["labels"]] == ["start", "start", "end", "end"]
    # Each label, at about 0.62 em a character, stays on the figure.
    for label in chart["labels"]:
        x, y = float(label["x"]), float(label["y"])
        width = max(len(line) for line in label["lines"]) * charts.NAME_SIZE * 0.62
        left, right = (x, x + width) if label["anchor"] == "start" else (x - width, x)
        assert 0 <= left and right <= 226.1  # the coordinates are rounded to 0.1
        assert 0 <= y - 10 and y + len(label["lines"]) * charts.LINE_HEIGHT <= 200
    centre_y = float(chart["centre_y"])
    # The scale's labels go up the vertical, between D and A, where no point sits.
    radius = float(chart["rings"][-1]["radius"])
    assert [float(ring["label_y"]) for ring in chart["rings"]] == pytest.approx(
        [centre_y - radius * ring for ring in charts.RINGS], abs=0.1)
    assert radius > 70  # as large as the old main radar's, minus the names' room
    assert chart["description"] == (
        f"2025 : A Gouvernance 40,0{NBSP}%, B Environnement 30,0{NBSP}%, "
        f"C Emploi et RH 20,0{NBSP}%, D R&D et innovation 10,0{NBSP}%")
