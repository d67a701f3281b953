from html import unescape

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
URL = reverse("initiatives:approach")


def test_it_presents_the_concepts_of_the_introduction(client):
    response = client.get(URL)
    assert response.status_code == 200
    concepts = response.context["concepts"]
    counts = {kind: len(items) for kind, items in concepts.items()}
    assert counts["success_factor"] == 6
    assert counts["sndd_challenge"] == 9
    assert counts["iso_subject"] == 7
    assert counts["cycle_link"] == 5
    html = unescape(response.content.decode())
    assert "Centralité" in html
    assert "Droits de l'homme" in html


def test_it_lists_the_references(client):
    response = client.get(URL)
    assert len(response.context["references"]) == 12
    assert "ISO 26000" in response.content.decode()


def test_it_explains_the_quarter_and_three_quarters_reading(client):
    html = client.get(URL).content.decode()
    assert "R × (¼ + ¾ × F)" in html
    assert "le ¼ restant" in html


def test_it_says_which_parts_of_the_grid_are_the_guides_and_which_the_applications(client):
    html = " ".join(unescape(client.get(URL).content.decode()).split())
    assert "selon son importance" not in html  # not every barème is the guide's
    assert "sa grille imprimée ne montre que 11 des 41 affirmations" in html
    origin = html.split('id="origine"')[1].split("</section>")[0]
    assert "11 affirmations mot pour mot, avec leurs leviers et leurs barèmes" in origin
    assert "les 30 autres affirmations et leurs barèmes" in origin
    assert "les poids des réponses, 1, 2/3, 1/3 et 0" in origin
    assert "« non applicable », absent du guide" in origin
    assert "les seuils des niveaux de maturité" in origin
    assert "Pourquoi : la grille complète" in origin


def test_it_rejects_post(client):
    assert client.post(URL).status_code == 405


def test_it_runs_a_constant_number_of_queries(client, django_assert_num_queries):
    # concepts, references, enjeux; the maturity levels of the grid version in use (grid.approach)
    with django_assert_num_queries(4):
        client.get(URL)
