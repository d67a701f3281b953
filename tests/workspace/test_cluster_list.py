"""`workspace:cluster-list` (/poles/): the clusters a person belongs to, and their role in each."""

import pytest
from django.contrib.auth import get_user_model

from clusters.models import Membership
from clusters.services import membership_add
from grid import services
from plans.services import action_create
from tests.fixtures import logged_in, login_url, url
from tests.workspace.test_home import a_second_cluster_with_everything, days

pytestmark = pytest.mark.django_db


def test_it_lists_the_members_clusters_with_their_role(editor_client, cluster_a, cluster_b):
    response = editor_client.get(url("cluster-list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert cluster_a.name in html
    assert url("cluster-detail", slug=cluster_a.slug) in html
    assert "équipe du pôle" in html
    assert cluster_b.name not in html


def test_it_shows_the_board_its_role(board_client, cluster_a):
    html = board_client.get(url("cluster-list")).content.decode()
    assert cluster_a.name in html and "gouvernance" in html


def test_it_never_lists_another_clusters_name(outsider_client, cluster_a, cluster_b):
    html = outsider_client.get(url("cluster-list")).content.decode()
    assert cluster_b.name in html
    assert cluster_a.name not in html


def test_it_tells_a_person_without_cluster_what_to_do(db, cluster_a):
    loner = get_user_model().objects.create_user("seul")
    html = logged_in(loner).get(url("cluster-list")).content.decode()
    assert "Vous n'êtes membre d'aucun pôle" in html.replace("&#x27;", "'")
    assert cluster_a.name not in html


def test_it_sends_anonymous_to_login(anonymous):
    response = anonymous.get(url("cluster-list"))
    assert response.status_code == 302
    assert response["Location"] == login_url(url("cluster-list"))


def test_it_refuses_post(editor_client):
    assert editor_client.post(url("cluster-list")).status_code == 405


def test_its_queries_do_not_grow_with_clusters_years_or_actions(
    editor, board, editor_client, submitted, django_assert_num_queries
):
    a_second_cluster_with_everything(editor, board, "pole-gamma")
    editor_client.get(url("cluster-list"))  # the grid versions kept per process are read
    # session, user, memberships with their clusters, current years, their answers (two), the
    # maturity levels, the steps, the content's stamp (grid versions kept), late actions,
    # networks coordinated
    with django_assert_num_queries(11):
        editor_client.get(url("cluster-list"))
    for slug in ("pole-delta", "pole-epsilon"):
        a_second_cluster_with_everything(editor, board, slug)
    with django_assert_num_queries(11):
        response = editor_client.get(url("cluster-list"))
    assert "Pôle pole-epsilon" in response.content.decode()


def test_each_cluster_shows_its_current_year_and_what_waits(
    editor, editor_client, board, cluster_a, cluster_b, submitted
):
    membership_add(cluster=cluster_b, user=editor, role=Membership.Role.EDITOR)
    action_create(cluster=cluster_b, by=editor, title="En retard", due_on=days(-2))
    action_create(cluster=cluster_b, by=editor, title="Aussi", due_on=days(-1))
    services.assessment_start(cluster=cluster_b, year=2025, by=editor, prefill=False)
    html = editor_client.get(url("cluster-list")).content.decode()
    alpha = html[html.index('data-cluster="pole-alpha"'):html.index('data-cluster="pole-beta"')]
    beta = html[html.index('data-cluster="pole-beta"'):]
    assert "Autoévaluation 2025" in alpha and "soumise" in alpha and "100,0" in alpha
    assert "Expert" in alpha  # the maturity level of a grid answered « ++ » throughout
    assert "à valider" in alpha and url("results", submitted) in alpha
    assert "à soumettre" in beta and "2 actions en retard" in beta
    assert "en_retard=1" in beta


def test_a_returned_year_says_so(editor, board, editor_client, submitted):
    services.assessment_return(assessment=submitted, by=board, comment="À revoir.")
    html = editor_client.get(url("cluster-list")).content.decode()
    assert "renvoyée" in html
