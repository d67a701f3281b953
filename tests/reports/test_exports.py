"""`reports.exports` on plain data: rows, CSV cells and workbook cells, without a database."""

import csv
import io
from fractions import Fraction

from openpyxl import load_workbook

from grid.scoring import AnswerValue, CustomRow, GridSpec, QuestionSpec, score
from reports.exports import ExportRow, Labels, QuestionLine, csv_bytes, grid_rows, workbook_bytes

QUESTIONS = (
    QuestionLine("S-1", "S", "Le pôle a une stratégie.", 4),
    QuestionLine("1B-1", "1B", "Le pôle trie ses déchets.", 2),
    QuestionLine("2B-1", "2B", "Le pôle aide ses membres.", 3),
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
    rows = [ExportRow("S-1", "S", "Texte", 4, "+", Fraction(8, 3), "@SOMME(1;2)"),
            ExportRow("1B-1", "1B", "Texte", 2, "-", Fraction(2, 3), "- une puce")]
    text = csv_bytes(rows).decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert lines[1][4:] == ["+", "2,67", "'@SOMME(1;2)", ""]  # no scores: no maturity level
    assert lines[2][4:] == ["-", "0,67", "'- une puce", ""]


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
