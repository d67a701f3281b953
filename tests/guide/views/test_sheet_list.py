from html import unescape

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
URL = reverse("guide:sheet-list")


def numbers(response):
    return [sheet.number for sheet in response.context["result"].sheets]


def test_it_lists_all_37_sheets_in_guide_order(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert numbers(response) == ["+"] + [str(n) for n in range(1, 37)]


def test_it_filters_by_enjeu_and_level(client):
    assert numbers(client.get(URL, {"enjeu": "A", "level": 1})) == ["1", "2"]
    assert numbers(client.get(URL, {"enjeu": "D", "level": 2})) == ["34", "35", "36"]


def test_it_filters_by_lever(client):
    response = client.get(URL, {"lever": "anticipation-competences-filiere"})
    assert numbers(response) == ["24", "25", "26", "27", "28"]


def test_it_filters_by_sector_and_maturity(client):
    all_sheets = client.get(URL).context["result"].sheets
    maturity = all_sheets[5].maturity
    response = client.get(URL, {"maturity": maturity})
    assert response.context["result"].sheets
    assert all(sheet.maturity == maturity for sheet in response.context["result"].sheets)
    sector = all_sheets[5].sector
    found = client.get(URL, {"sector": sector}).context["result"].sheets
    assert found and all(sheet.sector == sector for sheet in found)


def test_search_ignores_accents_and_case(client):
    plain = client.get(URL, {"q": "ecologie industrielle"})
    accented = client.get(URL, {"q": "ÉCOLOGIE Industrielle"})
    assert "15" in numbers(plain)
    assert numbers(plain) == numbers(accented)


def test_search_finds_glossary_terms_too(client):
    response = client.get(URL, {"q": "ecologie"})
    terms = [term.term for term in response.context["result"].terms]
    assert any("cologie industrielle" in term for term in terms)
    assert "Dans le glossaire" in response.content.decode()


def test_search_finds_a_lever_by_its_variant_name(client):
    response = client.get(URL, {"q": "Implication des parties prenantes"})
    assert "1" in numbers(response)


def test_search_with_no_match_says_so(client):
    response = client.get(URL, {"q": "xylophone quantique"})
    assert numbers(response) == []
    assert "Aucune fiche ne correspond" in response.content.decode()


def test_an_unknown_filter_value_is_reported_and_ignored(client):
    response = client.get(URL, {"enjeu": "Z"})
    assert response.status_code == 200
    assert len(numbers(response)) == 37
    assert "filtre n'est pas valable" in unescape(response.content.decode())


def test_it_rejects_post(client):
    assert client.post(URL).status_code == 405


@pytest.mark.parametrize("params", [{}, {"q": "énergie"}, {"enjeu": "B", "level": 2}])
def test_it_runs_a_constant_number_of_queries(client, django_assert_num_queries, params):
    # Filter choices (enjeux, levers, sector and maturity values), sheets, their levers, and
    # the glossary and the experiences when searching.
    expected = 8 if params.get("q") else 6
    with django_assert_num_queries(expected):
        client.get(URL, params)


def test_the_search_finds_the_experiences_accents_and_case_ignored(client):
    response = client.get(URL, {"q": "CREATEURS quartiers"})
    found = {experience.slug for experience in response.context["result"].experiences}
    assert "bordeaux-plateforme-creation" in found
    assert "/retours/bordeaux-plateforme-creation/" in response.content.decode()
    assert not client.get(URL).context["result"].experiences
