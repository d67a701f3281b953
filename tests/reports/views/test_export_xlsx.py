"""`reports:export-xlsx` (…/export.xlsx): the guide's workbook, « Grille d'autoévaluation » and
« Résultats », filled with the cluster's answers and the notes the results page shows."""

import datetime
from io import BytesIO

import pytest
from openpyxl import load_workbook

from grid.models import Question
from initiatives.models import Enjeu, Level, Section
from reports import selectors
from tests.fixtures import (
    STRATEGY_CODES,
    answers_of,
    fill,
    set_custom,
    url,
)

pytestmark = pytest.mark.django_db

SHEETS = ["Grille d'autoévaluation", "Résultats", "Plan d'actions"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = ("Code", "Affirmation", "Barème", "Réponse", "Points", "Commentaire", "Origine")


def workbook(client, assessment):
    response = client.get(url("export-xlsx", assessment))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    return load_workbook(BytesIO(response.content))


def grid_lines(book) -> dict[str, tuple]:
    """Code → (Affirmation, Barème, Réponse, Points, Commentaire, Origine) of each answer
    line."""
    sheet = book["Grille d'autoévaluation"]
    return {
        row[0]: row[1:]
        for row in sheet.iter_rows(min_row=3, values_only=True)
        if row[0] and row[2] is not None  # section headings have no barème
    }


def results_cells(book) -> dict[str, object]:
    sheet = book["Résultats"]
    return {row[0]: row[1] for row in sheet.iter_rows(min_row=3, values_only=True)}


def maturity_cells(book) -> dict[str, object]:
    sheet = book["Résultats"]
    return {row[0]: row[2] for row in sheet.iter_rows(min_row=3, values_only=True)}


def shown(note):
    """The cell a note becomes: empty when undefined, else the float of the Fraction (the file
    keeps 16 significant digits)."""
    return None if note is None else pytest.approx(float(note), rel=1e-15)


def test_it_has_the_two_tabs_of_the_guides_workbook(editor_client, assessment):
    response = editor_client.get(url("export-xlsx", assessment))
    assert response["Content-Disposition"] == 'attachment; filename="pole-alpha-2025.xlsx"'
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == SHEETS
    grid = book["Grille d'autoévaluation"]
    assert grid["A1"].value == "Pôle Alpha Maritime · 2025 · grille cgdd-2012"
    assert tuple(cell.value for cell in grid[2]) == HEADER
    assert all(cell.font.b for cell in grid[2])
    assert grid.freeze_panes == "A3"
    assert grid["B4"].alignment.wrap_text


def test_it_groups_the_questions_under_their_sections_in_grid_order(
    editor_client, editor, assessment
):
    set_custom(assessment, editor, "B", label="Covoiturage", level=1, bareme=3, value="+")
    sheet = workbook(editor_client, assessment)["Grille d'autoévaluation"]
    codes = [row[0] for row in sheet.iter_rows(min_row=3, values_only=True)]
    expected = []
    for section in Section.objects.order_by("order"):
        expected.append(section.code)
        expected += Question.objects.filter(version__code="cgdd-2012", section=section).order_by(
            "order").values_list("code", flat=True)
        if section.code == "1B":
            expected.append("Autre action B")
    assert codes == expected
    assert len(codes) == 9 + 41 + 1
    heading = next(row for row in sheet.iter_rows(min_row=3) if row[0].value == "2B")
    assert heading[1].value == Section.objects.get(code="2B").title
    assert heading[0].font.b


def test_every_answer_and_comment_is_the_databases(editor_client, editor, assessment):
    fill(assessment, editor, "+", answers={"S-1": "++", "1A-3": "-", "2B-3": "na", "2D-4": "--"},
         comments={"2B-3": "Pas de site ; « voir » plus tard.", "1A-1": "=SOMME(A1:A2)",
                   "2C-1": "Ligne 1\nLigne 2"})
    fill(assessment, editor, "", codes=["2C-5"])
    lines = grid_lines(workbook(editor_client, assessment))
    stored = answers_of(assessment)
    questions = Question.objects.filter(version__code="cgdd-2012")
    assert set(lines) == set(stored) == {q.code for q in questions}
    for question in questions:
        text, bareme, answer, _points, comment, _origin = lines[question.code]
        assert (text, bareme) == (question.text, question.bareme)
        assert (answer or "", comment or "") == stored[question.code]
    assert lines["1A-1"][4] == "=SOMME(A1:A2)"  # kept as text, never a formula
    points = {code: line[3] for code, line in lines.items()}
    assert (points["S-1"], points["1A-3"], points["2B-2"], points["2D-4"]) == (4, 1.3333, 2, 0)
    assert points["2B-3"] is None and points["2C-5"] is None


def test_it_lists_the_other_actions_with_their_points(editor_client, editor, assessment):
    set_custom(assessment, editor, "C", label="Crèche inter-entreprises", level=2, bareme=4,
               value="-")
    lines = grid_lines(workbook(editor_client, assessment))
    assert lines["Autre action C"] == ("Crèche inter-entreprises", 4, "-", 1.3333, None,
                                       "action ajoutée par le pôle")


def test_each_question_says_whether_it_is_the_guides_text(editor_client, assessment):
    question = Question.objects.get(version__code="cgdd-2012", code="2B-3")
    question.reviewed_on = datetime.date(2026, 12, 3)
    question.save()
    origins = {code: line[5] for code, line in grid_lines(
        workbook(editor_client, assessment)).items()}
    assert origins["S-1"] == origins["2A-4"] == "texte du guide"
    assert origins["2B-1"] == "reconstituée d'après la fiche 11"
    assert origins["2B-3"] == "reconstituée d'après la fiche 13 · revue le 3 décembre 2026"
    assert origins["2D-1"] == "reconstituée (sans fiche dans le guide)"
    assert list(origins.values()).count("texte du guide") == 11


def test_the_results_are_the_notes_of_the_results_page(editor_client, editor, assessment):
    # DESIGN §4 worked check (F = 0.5), with one axis wholly `na` so that its note is undefined.
    na = {code: "na" for code in Question.objects.filter(
        version__code="cgdd-2012", section__enjeu__code="D").values_list("code", flat=True)}
    fill(assessment, editor, "+", answers={"S-1": "++", "S-2": "+", "S-3": "-", "S-4": "--", **na},
         comments=dict.fromkeys(na, "Pas de R&D en propre."))
    fill(assessment, editor, "", codes=["2C-5"])
    book = workbook(editor_client, assessment)
    cells = results_cells(book)
    scores = selectors.results_page(assessment)["scores"]
    assert cells["Note globale"] == shown(scores.global_note)
    assert cells["Facteur de stratégie F"] == shown(scores.strategy_factor) == 0.5
    assert cells["Complétude"] == shown(scores.completion) == shown(40 / 41)
    assert cells["Résultats provisoires"] == "oui"
    for enjeu in Enjeu.objects.all():
        assert cells[f"{enjeu.code} · {enjeu.name}"] == shown(scores.axes[enjeu.code])
    assert cells[f"D · {Enjeu.objects.get(code='D').name}"] is None
    for level in Level.objects.all():
        assert cells[f"Niveau {level.number} · {level.name}"] == shown(scores.levels[level.number])
    for section in Section.objects.exclude(code="S"):
        assert cells[f"{section.code} · {section.title}"] == shown(scores.sections[section.code])
    sheet = book["Résultats"]
    notes = [row[1] for row in sheet.iter_rows(min_row=3) if isinstance(row[1].value, float)]
    assert len(notes) == 3 + 3 + 2 + 6  # global, F, completion, then all but axis D, 1D, 2D
    assert {cell.number_format for cell in notes} == {"0.0%"}


def test_a_validated_year_shows_its_stored_scores(board_client, validated):
    # Stored at submission; content changing later must not move them (DESIGN §5).
    validated.scores = {**validated.scores, "global": 0.123, "axes": {
        **validated.scores["axes"], "B": None}}
    validated.save(update_fields=["scores"])
    cells = results_cells(workbook(board_client, validated))
    assert cells["Note globale"] == 0.123
    assert cells[f"B · {Enjeu.objects.get(code='B').name}"] is None
    assert cells[f"A · {Enjeu.objects.get(code='A').name}"] == 1
    assert cells["Résultats provisoires"] == "non"


def test_a_complete_strategy_reaches_full_marks(editor_client, editor, assessment):
    fill(assessment, editor, answers=dict.fromkeys(STRATEGY_CODES, "++"))
    cells = results_cells(workbook(editor_client, assessment))
    assert cells["Note globale"] == 1
    assert cells["Résultats provisoires"] == "non"


def test_its_queries_do_not_grow_with_the_answers(
    editor_client, editor, assessment, django_assert_num_queries
):
    # session, user, membership, assessment, grid spec, answers, custom rows, then the questions
    # with their sections, the actions and their sheets: the same with a blank grid, a full one,
    # and points left to gain; the version's maturity levels (the « Résultats » tab's column).
    with django_assert_num_queries(10):
        editor_client.get(url("export-xlsx", assessment))
    fill(assessment, editor)
    with django_assert_num_queries(10):
        editor_client.get(url("export-xlsx", assessment))
    fill(assessment, editor, "+")
    with django_assert_num_queries(10):
        editor_client.get(url("export-xlsx", assessment))
