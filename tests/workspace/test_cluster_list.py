"""`workspace:cluster-list` (/poles/): the clusters a person belongs to, and their role in each."""

import pytest
from django.contrib.auth import get_user_model

from clusters.models import Membership
from clusters.services import membership_add
from tests.fixtures import logged_in, login_url, url

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


def test_its_queries_do_not_grow_with_memberships(
    editor, editor_client, cluster_b, django_assert_num_queries
):
    # session, user, memberships with their clusters, networks coordinated
    with django_assert_num_queries(4):
        editor_client.get(url("cluster-list"))
    membership_add(cluster=cluster_b, user=editor, role=Membership.Role.BOARD)
    with django_assert_num_queries(4):
        response = editor_client.get(url("cluster-list"))
    assert cluster_b.name in response.content.decode()
