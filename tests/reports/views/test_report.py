"""`reports:report` (…/rapport.pdf): the board's PDF, under the results page's permissions."""

import pytest

from reports.selectors import results_content
from tests.fixtures import fill, url
from tests.reports import pdf

pytestmark = pytest.mark.django_db


def test_staff_get_the_pdf_inline_with_its_file_name(editor_client, filled):
    response = editor_client.get(url("report", filled))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="pole-alpha-2025.pdf"'
    assert "Pôle Alpha Maritime" in pdf.page_texts(response.content)[0]


def test_its_queries_do_not_grow_with_the_answers(
    editor_client, editor, assessment, django_assert_num_queries
):
    # session, user, membership, assessment; the last content edit (the version's questions,
    # enjeux, paths and sheet + are read once per process); answers, custom rows (the answer
    # table prints the same); transitions; earlier years; the plan's actions and their sheets;
    # the experiences linked to the recommended questions and to their sheets.
    fill(assessment, editor, "-", codes=["S-1"])
    results_content(assessment.campaign.version)
    with django_assert_num_queries(13):
        editor_client.get(url("report", assessment))
    fill(assessment, editor, "-")
    with django_assert_num_queries(13):
        editor_client.get(url("report", assessment))


def test_each_recommendation_names_an_experience_when_there_is_one(
    editor_client, editor, assessment
):
    fill(assessment, editor, answers={"2C-6": "-"})
    texts = pdf.page_texts(editor_client.get(url("report", assessment)).content)
    first = " ".join(texts[0].split())
    assert "2C-6" in first and "Ils l'ont fait : Neopolia" in first
