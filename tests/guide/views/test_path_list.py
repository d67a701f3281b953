import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
URL = reverse("guide:path-list")


def test_it_lists_the_five_paths_with_their_steps(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert [p.code for p in response.context["paths"]] == ["GOU", "ENV", "RH", "RD", "EXE"]
    html = response.content.decode()
    for code in ("gou", "env", "rh", "rd", "exe"):
        assert reverse("guide:path-detail", args=[code]) in html


def test_it_rejects_post(client):
    assert client.post(URL).status_code == 405


def test_it_runs_a_constant_number_of_queries(client, django_assert_num_queries):
    with django_assert_num_queries(2):
        client.get(URL)
