import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
URL = reverse("glossary:term-list")


def test_it_lists_the_guides_46_terms_and_the_companion_documents_with_their_sheets(client):
    response = client.get(URL)
    assert response.status_code == 200
    terms = response.context["terms"]
    assert len(terms) == 46 + 7  # the terms the experiences use (fixtures/experiences.json)
    html = response.content.decode()
    assert reverse("guide:sheet-detail", args=["11"]) in html
    assert "proposé" in html


def test_it_rejects_post(client):
    assert client.post(URL).status_code == 405


def test_it_runs_a_constant_number_of_queries(client, django_assert_num_queries):
    with django_assert_num_queries(2):
        client.get(URL)
