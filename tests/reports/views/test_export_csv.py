"""`reports:export-csv` (…/export.csv): one row per question, for French spreadsheets."""

import csv
import datetime
import io
from fractions import Fraction

import pytest
from django.utils import translation

from grid.models import Question
from tests.fixtures import (
    answers_of,
    fill,
    set_custom,
    url,
)

pytestmark = pytest.mark.django_db

HEADER = ["Code", "Section", "Affirmation", "Barème", "Réponse", "Points", "Commentaire",
          "Niveau de maturité de la section", "Origine"]
WEIGHTS = {"++": Fraction(1), "+": Fraction(2, 3), "-": Fraction(1, 3), "--": Fraction(0)}


def table(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM French Excel needs
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def french(points: Fraction) -> str:
    return f"{float(points):.2f}".replace(".", ",")


def test_it_lists_every_question_in_grid_order_as_stored(editor_client, editor, assessment):
    fill(assessment, editor, "+", answers={"S-1": "++", "1A-3": "-", "2B-3": "na", "2D-4": "--"},
         comments={"2B-3": "Pas de site.", "1A-1": "Charte signée."})
    fill(assessment, editor, "", codes=["2C-5"])  # one question left blank
    response = editor_client.get(url("export-csv", assessment))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="pole-alpha-2025.csv"'
    header, *rows = table(response)
    assert header == HEADER
    questions = Question.objects.filter(version__code="cgdd-2012").select_related("section")
    expected_order = questions.order_by("section__order", "order")
    assert [row[0] for row in rows] == [q.code for q in expected_order]
    assert len(rows) == 41
    stored = answers_of(assessment)
    for row, question in zip(rows, expected_order, strict=True):
        value, comment = stored[question.code]
        points = "" if value in ("", "na") else french(question.bareme * WEIGHTS[value])
        assert row[:7] == [
            question.code, question.section.code, question.text, str(question.bareme),
            value, points, comment,
        ]
        # The level of the section's note; none for S (F is a factor, not a note).
        assert (row[7] == "") == (question.section.code == "S")
        assert (row[8] == "texte du guide") == (question.origin == "verbatim")
    by_code = {row[0]: row for row in rows}
    assert by_code["1A-3"][4:6] == ["-", "1,33"]  # 4 × 1/3
    assert by_code["2B-2"][4:6] == ["+", "2,00"]  # 3 × 2/3
    assert by_code["2B-3"][4:7] == ["na", "", "Pas de site."]
    assert by_code["2C-5"][4:6] == ["", ""]
    assert by_code["2D-4"][4:6] == ["--", "0,00"]


def test_a_comment_with_semicolons_quotes_and_lines_round_trips(
    editor_client, editor, assessment
):
    comment = 'Élus « associés » ; voir "charte"\nDeuxième ligne ; fin'
    fill(assessment, editor, codes=[], answers={"1A-1": "+"}, comments={"1A-1": comment})
    rows = {row[0]: row for row in table(editor_client.get(url("export-csv", assessment)))}
    assert rows["1A-1"][6] == comment == answers_of(assessment)["1A-1"][1]


def test_it_keeps_formulas_out_of_free_text(editor_client, editor, assessment):
    # A spreadsheet would run it: the apostrophe keeps it text (CSV injection).
    fill(assessment, editor, codes=[], answers={"1A-1": "+"},
         comments={"1A-1": '=HYPERLINK("http://exemple.test")'})
    rows = {row[0]: row for row in table(editor_client.get(url("export-csv", assessment)))}
    assert rows["1A-1"][4:7] == ["+", "1,33", '\'=HYPERLINK("http://exemple.test")']


def test_it_adds_the_other_actions_that_have_a_label(editor_client, editor, assessment):
    set_custom(assessment, editor, "B", label="Covoiturage des salariés", level=2, bareme=3,
               value="+")
    set_custom(assessment, editor, "D", label="Brevets partagés", level=1, bareme=4, value="")
    set_custom(assessment, editor, "A", label="", level=1, bareme=2, value="++")  # no label
    rows = table(editor_client.get(url("export-csv", assessment)))[1:]
    assert len(rows) == 43
    assert [row[:7] for row in rows[-2:]] == [
        ["Autre action B", "2B", "Covoiturage des salariés", "3", "+", "2,00", ""],
        ["Autre action D", "1D", "Brevets partagés", "4", "", "", ""],
    ]


def test_its_queries_do_not_grow_with_the_answers(
    editor_client, editor, assessment, django_assert_num_queries
):
    # session, user, membership, assessment, grid spec, answers, custom rows, the version's
    # maturity levels (the column of each section's level), questions
    with django_assert_num_queries(8):
        editor_client.get(url("export-csv", assessment))
    fill(assessment, editor, "+")
    set_custom(assessment, editor, "B", label="Covoiturage", level=2, bareme=3, value="+")
    with django_assert_num_queries(8):
        editor_client.get(url("export-csv", assessment))


def test_the_origin_column_names_the_anchor_sheet_and_the_review(editor_client, assessment):
    question = Question.objects.get(version__code="cgdd-2012", code="1B-2")
    question.reviewed_on = datetime.date(2026, 12, 3)
    question.save()
    rows = {row[0]: row for row in table(editor_client.get(url("export-csv", assessment)))}
    assert rows["1A-3"][8] == "texte du guide"
    assert rows["1B-1"][8] == "reconstituée d'après la fiche 9"
    assert rows["1B-2"][8] == "reconstituée d'après la fiche 10 · revue le 3 décembre 2026"
    assert rows["2C-12"][8] == "reconstituée (sans fiche dans le guide)"


def test_the_english_file_says_the_origin_in_english(editor_client, assessment):
    editor_client.cookies["django_language"] = "en"
    with translation.override("fr"):  # the request's English stays in the request
        text = editor_client.get(url("export-csv", assessment)).content.decode("utf-8-sig")
    header, *rows = csv.reader(io.StringIO(text, newline=""), delimiter=",")
    assert header[-1] == "Origin"
    by_code = {row[0]: row for row in rows}
    assert by_code["1B-1"][-1] == "reconstructed from sheet 9"
    assert by_code["S-1"][-1] == "guide text"
