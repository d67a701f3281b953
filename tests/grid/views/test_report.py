"""`grid:report` (…/rapport.pdf): the board's PDF, under the results page's permissions."""

import pytest

from tests.grid import pdf
from tests.grid.conftest import assert_hidden_from_outsider, fill, login_url, url

pytestmark = pytest.mark.django_db


def test_staff_get_the_pdf_inline_with_its_file_name(editor_client, filled):
    response = editor_client.get(url("report", filled))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="pole-alpha-2025.pdf"'
    assert "Pôle Alpha Maritime" in pdf.page_texts(response.content)[0]


def test_the_board_gets_it_too(board_client, validated):
    response = board_client.get(url("report", validated))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_the_results_page_links_to_it(editor_client, assessment):
    page = editor_client.get(url("results", assessment)).content.decode()
    assert f'href="{url("report", assessment)}"' in page


def test_it_sends_anonymous_to_login(anonymous, assessment):
    response = anonymous.get(url("report", assessment))
    assert response["Location"] == login_url(url("report", assessment))


def test_it_hides_the_cluster_from_outsiders(outsider_client, cluster_a, filled):
    response = outsider_client.get(url("report", filled))
    assert_hidden_from_outsider(response, cluster_a)
    assert not response.content.startswith(b"%PDF")


def test_an_unknown_year_is_404(editor_client, assessment):
    response = editor_client.get(url("report", slug="pole-alpha", year=1999))
    assert response.status_code == 404


def test_it_refuses_post(editor_client, assessment):
    assert editor_client.post(url("report", assessment)).status_code == 405


def test_its_queries_do_not_grow_with_the_answers(
    editor_client, editor, assessment, django_assert_num_queries
):
    # session, user, membership, assessment; scores: spec, answers, custom rows; recommendations:
    # questions, levers, sheets; enjeux, paths, sheet +; answer table: answers, questions, levers,
    # sheets, custom rows; transitions; earlier years.
    fill(assessment, editor, "-", codes=["S-1"])
    with django_assert_num_queries(20):
        editor_client.get(url("report", assessment))
    fill(assessment, editor, "-")
    with django_assert_num_queries(20):
        editor_client.get(url("report", assessment))


def test_the_results_page_links_to_every_download(board_client, validated):
    page = board_client.get(url("results", validated)).content.decode()
    for name in ("report", "export-json", "export-xlsx", "export-csv"):
        assert f'href="{url(name, validated)}"' in page
