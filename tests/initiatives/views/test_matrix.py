import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
URL = reverse("initiatives:matrix")


def test_it_lays_out_4_enjeux_by_2_levels_plus_the_strategy_cell(client):
    response = client.get(URL)
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [row["enjeu"].code for row in rows] == ["A", "B", "C", "D"]
    assert all([cell.level.number for cell in row["cells"]] == [1, 2] for row in rows)
    assert response.context["strategy"].code == "S"
    html = response.content.decode()
    assert "Stratégie structurée de développement durable de type Agenda 21" in html


def test_each_cell_lists_its_levers_and_sheets(client):
    html = client.get(URL).content.decode()
    assert "Processus projet" in html
    assert reverse("guide:sheet-detail", args=["9"]) in html
    assert "Projets de R&amp;D, projets structurants et démonstrateurs" in html
    assert "Pas de fiche dans le guide pour ce levier." in html
    for number in range(1, 37):
        assert f'href="/fiches/{number}/"' in html


def test_it_rejects_post(client):
    assert client.post(URL).status_code == 405


def test_it_runs_a_constant_number_of_queries(client, django_assert_num_queries):
    with django_assert_num_queries(4):
        client.get(URL)
