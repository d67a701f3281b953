"""Every download of a year (JSON, CSV, XLSX, the PDF report) obeys the results page's rules:
members of the cluster get it, whatever their role; outsiders and unknown years get 404;
anonymous visitors are sent to log in; nothing is posted."""

import pytest

from tests.fixtures import assert_hidden_from_outsider, login_url, url

pytestmark = pytest.mark.django_db

DOWNLOADS = ["export-json", "export-csv", "export-xlsx", "report"]


@pytest.mark.parametrize("name", DOWNLOADS)
def test_staff_and_board_get_it(name, editor_client, board_client, validated):
    for client in (editor_client, board_client):
        response = client.get(url(name, validated))
        assert response.status_code == 200
        assert "pole-alpha-2025." in response["Content-Disposition"]


@pytest.mark.parametrize("name", DOWNLOADS)
def test_outsiders_get_404_and_not_a_word_of_the_cluster(name, outsider_client, cluster_a,
                                                         filled):
    response = outsider_client.get(url(name, filled))
    assert_hidden_from_outsider(response, cluster_a)
    assert "Content-Disposition" not in response


@pytest.mark.parametrize("name", DOWNLOADS)
def test_an_unknown_year_or_cluster_is_404(name, editor_client, assessment):
    assert editor_client.get(url(name, slug="pole-alpha", year=1999)).status_code == 404
    assert editor_client.get(url(name, slug="pole-inconnu", year=2025)).status_code == 404


@pytest.mark.parametrize("name", DOWNLOADS)
def test_anonymous_visitors_are_sent_to_log_in(name, anonymous, assessment):
    response = anonymous.get(url(name, assessment))
    assert response.status_code == 302
    assert response["Location"] == login_url(url(name, assessment))


@pytest.mark.parametrize("name", DOWNLOADS)
def test_nothing_is_posted(name, editor_client, assessment):
    assert editor_client.post(url(name, assessment)).status_code == 405


def test_the_results_page_links_to_every_download(board_client, validated):
    page = board_client.get(url("results", validated)).content.decode()
    for name in DOWNLOADS:
        assert f'href="{url(name, validated)}"' in page
