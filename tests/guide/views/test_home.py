import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
URL = reverse("home")


def test_it_presents_the_approach_and_how_to_start(client):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Par où commencer" in html
    assert reverse("guide:sheet-detail", args=["agenda-21"]) in html
    assert reverse("guide:path-list") in html
    assert "Gouvernance, territoires et parties prenantes" in html


def test_it_shows_the_five_links_of_the_virtuous_cycle(client):
    response = client.get(URL)
    assert len(response.context["cycle"]) == 5


def test_it_rejects_post(client):
    assert client.post(URL).status_code == 405


def test_it_runs_a_constant_number_of_queries(client, django_assert_num_queries):
    with django_assert_num_queries(4):
        client.get(URL)
