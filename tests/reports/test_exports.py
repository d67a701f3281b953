"""`reports.exports` on plain data: rows, CSV cells and workbook cells, without a database."""

import csv
import datetime
import io
from fractions import Fraction

from django.utils import translation
from openpyxl import load_workbook

from grid.presenters import TextOrigin
from grid.scoring import AnswerValue, CustomRow, GridSpec, QuestionSpec, score
from reports.exports import ExportRow, Labels, QuestionLine, csv_bytes, grid_rows, workbook_bytes

GUIDE = TextOrigin(reconstructed=False)
QUESTIONS = (
    QuestionLine("S-1", "S", "Le pôle a une stratégie.", 4, GUIDE),
    QuestionLine("1B-1", "1B", "Le pôle trie ses déchets.", 2, TextOrigin(True, "9")),
    QuestionLine("2B-1", "2B", "Le pôle aide ses membres.", 3,
                 TextOrigin(True, "11", datetime.date(2026, 12, 3))),
)
SPEC = GridSpec(
    code="essai",
    questions=tuple(QuestionSpec(q.code, q.section, q.bareme) for q in QUESTIONS),
    weights={"++": Fraction(1), "+": Fraction(2, 3), "-": Fraction(1, 3), "--": Fraction(0)},
)
LABELS = Labels(
    sections={"S": "Stratégie", "1B": "Environnement interne", "2B": "Environnement externe"},
    enjeux={"B": "Environnement"},
    levels={1: "Fonctionnement interne", 2: "Sphère d'influence"},
)


def test_rows_carry_points_only_for_weighted_answers():
    answers = {"S-1": AnswerValue("+"), "1B-1": AnswerValue("na", "Pas de locaux.")}
    rows = grid_rows(SPEC, QUESTIONS, answers, [])
    assert [(row.code, row.answer, row.points, row.comment) for row in rows] == [
        ("S-1", "+", Fraction(8, 3), ""),
        ("1B-1", "na", None, "Pas de locaux."),
        ("2B-1", "", None, ""),
    ]


def test_other_actions_follow_in_enjeu_order_and_need_a_label():
    custom = [
        CustomRow("D", "Brevets", 2, 4, "++"),
        CustomRow("B", "Covoiturage", None, None, "+"),
        CustomRow("C", "  ", 1, 2, "+"),
    ]
    rows = grid_rows(SPEC, QUESTIONS, {}, custom)[len(QUESTIONS):]
    assert [(row.code, row.section, row.bareme, row.points) for row in rows] == [
        ("Autre action B", "", None, None),
        ("Autre action D", "2D", 4, Fraction(4)),
    ]


def test_csv_writes_french_decimals_and_defuses_formulas():
    rows = [ExportRow("S-1", "S", "Texte", 4, "+", Fraction(8, 3), "@SOMME(1;2)", "guide"),
            ExportRow("1B-1", "1B", "Texte", 2, "-", Fraction(2, 3), "- une puce", "guide")]
    text = csv_bytes(rows).decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert lines[1][4:7] == ["+", "2,67", "'@SOMME(1;2)"]
    assert lines[1][7] == ""  # no scores: no maturity level
    assert lines[2][4:7] == ["-", "0,67", "'- une puce"]


def test_each_row_says_whose_text_it_is():
    custom = [CustomRow("B", "Covoiturage", 2, 1, "+")]
    rows = grid_rows(SPEC, QUESTIONS, {}, custom)
    assert [row.origin for row in rows] == [
        "texte du guide",
        "reconstituée d'après la fiche 9",
        "reconstituée d'après la fiche 11 · revue le 3 décembre 2026",
        "action ajoutée par le pôle",
    ]
    header, *lines = csv.reader(io.StringIO(csv_bytes(rows).decode("utf-8-sig"), newline=""),
                                delimiter=";")
    assert header[-1] == "Origine"
    assert [line[-1] for line in lines] == [row.origin for row in rows]
    content = workbook_bytes("Essai", rows, LABELS, score(SPEC, {}), [])
    sheet = load_workbook(io.BytesIO(content))["Grille d'autoévaluation"]
    assert sheet.cell(2, 7).value == "Origine"
    cells = {row[0].value: row[6].value for row in sheet.iter_rows(min_row=3)}
    assert [cells[row.code] for row in rows] == [row.origin for row in rows]


def test_the_origin_is_worded_in_the_pages_language():
    with translation.override("en"):
        assert TextOrigin(True, "9", datetime.date(2026, 12, 3)).label == (
            "reconstructed from sheet 9 · reviewed on 3 December 2026")
        assert TextOrigin(True).label == "reconstructed (no sheet in the guide)"
        assert GUIDE.label == "guide text"


def test_the_workbook_keeps_awkward_comments_as_text():
    answers = {
        "S-1": AnswerValue("++", "#N/A"),
        "1B-1": AnswerValue("+", "=1+1"),
        "2B-1": AnswerValue("-", "collé\x0bdepuis un traitement de texte"),
    }
    rows = grid_rows(SPEC, QUESTIONS, answers, [CustomRow("B", "Covoiturage", None, 1, "+")])
    content = workbook_bytes("Essai", rows, LABELS, score(SPEC, answers), [])
    sheet = load_workbook(io.BytesIO(content))["Grille d'autoévaluation"]
    lines = [row for row in sheet.iter_rows(min_row=3) if row[2].value is not None]
    assert [(row[0].value, row[5].value) for row in lines] == [
        ("S-1", "#N/A"),
        ("1B-1", "=1+1"),
        ("2B-1", "collédepuis un traitement de texte"),  # control characters are dropped
        ("Autre action B", None),  # no level yet: it closes its enjeu's block
    ]
    assert {row[5].data_type for row in lines[:3]} == {"s"}


def test_the_grid_prints_landscape_with_rows_as_tall_as_their_text():
    long_comment = "Compte rendu du comité de pilotage, validé en conseil. " * 4
    answers = {"S-1": AnswerValue("++", long_comment), "1B-1": AnswerValue("+")}
    rows = grid_rows(SPEC, QUESTIONS, answers, [])
    content = workbook_bytes("Essai", rows, LABELS, score(SPEC, answers), [])
    sheet = load_workbook(io.BytesIO(content))["Grille d'autoévaluation"]
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.print_title_rows == "$2:$2"
    heights = {row[0].value: sheet.row_dimensions[row[0].row].height
               for row in sheet.iter_rows(min_row=3) if row[2].value is not None}
    assert heights["S-1"] == 15 * 5  # 220 characters in a 50-wide column: 5 lines
    assert heights["1B-1"] is None  # one line: the spreadsheet's own height
