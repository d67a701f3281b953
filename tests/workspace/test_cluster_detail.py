"""`workspace:cluster-detail` (/poles/<slug>/): every year of the cluster and the start of a new
one."""

import pytest

from grid import services
from grid.models import Campaign
from tests.fixtures import (
    assert_hidden_from_outsider,
    fill,
    login_url,
    url,
)

pytestmark = pytest.mark.django_db


def detail(cluster):
    return url("cluster-detail", slug=cluster.slug)


def start_validated_year(cluster, year, editor, board):
    assessment = services.assessment_start(cluster=cluster, year=year, by=editor, prefill=True)
    fill(assessment, editor)
    services.assessment_submit(assessment=assessment, by=editor)
    return services.assessment_validate(assessment=assessment, by=board)


def test_it_shows_the_owner_each_year_with_status_and_note(
    editor_client, editor, cluster_a, assessment
):
    fill(assessment, editor, codes=["S-1", "1A-1"])
    response = editor_client.get(detail(cluster_a))
    assert response.status_code == 200
    html = response.content.decode()
    assert cluster_a.name in html
    assert "brouillon" in html and "provisoire" in html
    assert url("grid", assessment) in html and url("results", assessment) in html
    (row,) = response.context["rows"]
    assert row.assessment == assessment and row.stored is False


def test_it_offers_the_owner_the_years_not_started(editor_client, cluster_a, assessment,
                                                   campaign_2024):
    response = editor_client.get(detail(cluster_a))
    assert response.context["start_form"].fields["year"].choices == [(2024, "2024")]
    assert url("assessment-start", slug=cluster_a.slug) in response.content.decode()


def test_it_shows_stored_notes_of_a_validated_year(editor_client, editor, board, cluster_a,
                                                   campaign_2024):
    start_validated_year(cluster_a, 2024, editor, board)
    response = editor_client.get(detail(cluster_a))
    (row,) = response.context["rows"]
    assert row.stored is True
    html = response.content.decode()
    assert "validée" in html and "100,0\u00a0%" in html


def test_it_offers_the_board_no_start_form(board_client, cluster_a, campaign_2025):
    html = board_client.get(detail(cluster_a)).content.decode()
    assert cluster_a.name in html
    assert url("assessment-start", slug=cluster_a.slug) not in html


def test_it_says_when_there_is_no_assessment_yet(editor_client, cluster_a):
    html = editor_client.get(detail(cluster_a)).content.decode()
    assert "Aucune autoévaluation pour l'instant." in html.replace("&#x27;", "'")


def test_it_sends_anonymous_to_login(anonymous, cluster_a):
    response = anonymous.get(detail(cluster_a))
    assert response.status_code == 302
    assert response["Location"] == login_url(detail(cluster_a))


def test_it_refuses_outsider(outsider_client, cluster_a, assessment):
    assert_hidden_from_outsider(outsider_client.get(detail(cluster_a)), cluster_a)


def test_an_unknown_cluster_is_404(editor_client):
    assert editor_client.get(url("cluster-detail", slug="pole-inconnu")).status_code == 404


def test_it_refuses_post(editor_client, cluster_a):
    assert editor_client.post(detail(cluster_a)).status_code == 405


def test_its_queries_do_not_grow_with_the_years(
    editor_client, editor, board, cluster_a, version, campaign_2025, django_assert_num_queries
):
    # session, user, membership, assessments, live answers, live custom rows, the grid spec,
    # open campaigns: validated years read their stored scores and cost nothing more.
    services.assessment_start(cluster=cluster_a, year=2025, by=editor, prefill=False)
    with django_assert_num_queries(8):
        response = editor_client.get(detail(cluster_a))
    assert len(response.context["rows"]) == 1

    Campaign.objects.create(year=2023, version=version)
    Campaign.objects.create(year=2024, version=version)
    start_validated_year(cluster_a, 2023, editor, board)
    start_validated_year(cluster_a, 2024, editor, board)
    with django_assert_num_queries(8):
        response = editor_client.get(detail(cluster_a))
    assert [row.assessment.campaign.year for row in response.context["rows"]] == [
        2025, 2024, 2023,
    ]


def test_a_year_with_no_answer_says_so_not_zero(editor_client, cluster_a, assessment):
    html = editor_client.get(detail(cluster_a)).content.decode().replace("&#x27;", "'")
    row = html[html.index("<tbody>"):html.index("</tbody>")]
    assert "Aucune réponse pour l'instant" in row
    assert "0,0\u00a0%" not in row and "provisoire" not in row
