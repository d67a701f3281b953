"""A returned year says so at the top of its grid and of the cluster page: the board's comment,
who and when, and « Soumettre à nouveau » for the team (the submit rules of grid.services)."""

import pytest
from django.test import Client
from django.utils import translation

from grid import services
from tests.fixtures import fill, messages_of, url

pytestmark = pytest.mark.django_db

COMMENT = "Justifiez 2B-3 : le pôle a-t-il un site industriel ?"


@pytest.fixture
def returned(submitted, board):
    return services.assessment_return(assessment=submitted, by=board, comment=COMMENT)


def banner_of(html: str) -> str:
    start = html.index('class="alert alert-warning returned-banner"')
    return html[start:html.index("</section>", start)]


def unescaped(response) -> str:
    return response.content.decode().replace("&#x27;", "'")


def test_the_team_reads_the_board_comment_at_the_top_of_its_grid(editor_client, returned):
    html = unescaped(editor_client.get(url("grid", returned)))
    banner = banner_of(html)
    assert html.index("returned-banner") < html.index('id="grid-form"')
    assert "Autoévaluation 2025 : Renvoyée à l'équipe" in banner
    assert COMMENT in banner
    assert "Par Bruno Durand (gouvernance), le " in banner
    assert f'action="{url("submit", returned)}"' in banner
    assert "Soumettre à nouveau" in banner


def test_the_board_reads_it_without_the_submit_button(board_client, returned):
    banner = banner_of(unescaped(board_client.get(url("grid", returned))))
    assert COMMENT in banner and "Soumettre à nouveau" not in banner


def test_the_cluster_page_shows_it_above_the_years(editor_client, board_client, returned):
    html = unescaped(editor_client.get(url("cluster-detail", slug=returned.cluster.slug)))
    banner = banner_of(html)
    assert html.index("returned-banner") < html.index('id="assessments-title"')
    assert COMMENT in banner and "Soumettre à nouveau" in banner
    assert f'href="{url("grid", returned)}"' in banner
    board = unescaped(board_client.get(url("cluster-detail", slug=returned.cluster.slug)))
    assert COMMENT in banner_of(board) and "Soumettre à nouveau" not in banner_of(board)


def test_submitting_again_follows_the_submit_rules(editor_client, editor, returned):
    fill(returned, editor, answers={"2B-3": ""}, codes=["2B-3"])  # blank again: incomplete
    response = editor_client.post(url("submit", returned))
    assert response["Location"] == url("grid", returned)
    assert messages_of(response)[0].startswith("La grille n'est pas complète.")
    fill(returned, editor, codes=["2B-3"])
    response = editor_client.post(url("submit", returned))
    assert response["Location"] == url("results", returned)
    returned.refresh_from_db()
    assert returned.status == "submitted"
    assert "returned-banner" not in editor_client.get(url("grid", returned)).content.decode()


def test_only_the_latest_return_is_shown(editor, board, board_client, returned):
    services.assessment_submit(assessment=returned, by=editor)
    services.assessment_return(assessment=returned, by=board, comment="Encore 1C-2.")
    banner = banner_of(unescaped(board_client.get(url("grid", returned))))
    assert "Encore 1C-2." in banner and COMMENT not in banner


def test_a_reopened_year_says_so(editor_client, board, validated):
    services.assessment_reopen(assessment=validated, by=board, comment="Erreur sur 1C-2.")
    banner = banner_of(unescaped(editor_client.get(url("grid", validated))))
    assert "Autoévaluation 2025 : Rouverte" in banner and "Erreur sur 1C-2." in banner


def test_a_draft_year_has_no_banner(editor_client, assessment):
    assert "returned-banner" not in editor_client.get(url("grid", assessment)).content.decode()


def test_the_banner_in_english(editor, returned):
    client = Client(headers={"accept-language": "en"})
    client.force_login(editor)
    with translation.override("fr"):  # the request's English stays in the request
        banner = banner_of(unescaped(client.get(url("grid", returned))))
    assert "2025 self-assessment: Returned to the team" in banner
    assert "By Bruno Durand (board), on " in banner and "Submit again" in banner
    assert COMMENT in banner
