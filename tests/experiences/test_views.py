import re

import pytest
from django.urls import reverse

from experiences.importer import contact_data
from experiences.models import Experience

pytestmark = pytest.mark.django_db
LIST = reverse("experiences:list")


def detail(slug):
    return reverse("experiences:detail", args=[slug])


def listed(response) -> set[str]:
    return {experience.slug for experience in response.context["experiences"]}


def test_the_list_shows_every_published_experience(client):
    response = client.get(LIST)
    assert response.status_code == 200
    assert len(listed(response)) == Experience.objects.filter(published=True).count() >= 50
    assert detail("terralia-afaq-26000") in response.content.decode()


def test_an_unpublished_experience_is_neither_listed_nor_shown(client):
    Experience.objects.filter(slug="terralia-afaq-26000").update(published=False)
    assert "terralia-afaq-26000" not in listed(client.get(LIST))
    assert client.get(detail("terralia-afaq-26000")).status_code == 404


@pytest.mark.parametrize(
    ("query", "expected", "excluded"),
    [
        ("theme=label", "france-it-label-enr", "neopolia-matrice-competences"),
        ("enjeu=C", "neopolia-matrice-competences", "france-it-label-enr"),
        # No sheet describes DARE: its question 2C-12 puts it under enjeu C.
        ("enjeu=C", "toulouse-dare", "france-it-label-enr"),
        ("lever=communication-metiers-filiere", "rennes-exploratoire", "toulouse-dare"),
        ("organisation_type=collectivite", "toulouse-dare", "terralia-afaq-26000"),
        ("region=Bretagne", "rennes-exploratoire", "toulouse-dare"),
        ("source=apec", "opticsvalley-geppm", "toulouse-dare"),
        ("q=ECOLE", "alsace-biovalley-usine-ecole", "toulouse-dare"),
        ("q=créateurs quartiers", "bordeaux-plateforme-creation", "rennes-exploratoire"),
    ],
)
def test_each_filter_narrows_the_list(client, query, expected, excluded):
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200
    assert expected in listed(response) and excluded not in listed(response)


def test_filters_combine(client):
    response = client.get(f"{LIST}?source=france-urbaine&region=Bretagne&theme=metiers")
    assert listed(response) == {"rennes-exploratoire"}


@pytest.mark.parametrize(
    "query",
    [
        "theme=nope",
        "enjeu=Z",
        "lever=nope",
        "organisation_type=banque",
        "region=Mars",
        "source=wikipedia",
        "q=" + "x" * 201,
    ],
)
def test_a_wrong_filter_says_so_and_shows_nothing(client, query):
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert "n'est pas valable" in html
    assert not response.context["experiences"]
    assert "/retours/terralia" not in html


def test_the_item_page_shows_its_links_reasons_and_source(client):
    response = client.get(detail("mont-blanc-industries-charte-club-bourse"))
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("guide:sheet-detail", args=["4"]) in html
    assert "le Club BouRSE réunit des dirigeants cinq fois par an" in html
    assert "Bonnes pratiques des affaires" in html
    assert "2A-4" in html
    assert "Source : France Clusters" in html and "L213–L247" in html
    assert "nouvelles adhérentes du Club BouRSE" in html and "2017" in html


def test_an_apec_summary_says_it_is_a_summary(client):
    html = client.get(detail("opticsvalley-geppm")).content.decode()
    assert "interdit la reproduction" in html
    assert "Source : Apec" in html


def test_no_page_shows_a_contact(client):
    pages = [LIST] + [detail(slug) for slug in Experience.objects.values_list("slug", flat=True)]
    for url in pages:
        text = re.sub(r"<[^>]+>", " ", client.get(url).content.decode())
        assert not contact_data(text), url


def test_the_pages_refuse_post(client):
    assert client.post(LIST).status_code == 405
    assert client.post(detail("toulouse-dare")).status_code == 405


def test_the_pages_run_a_constant_number_of_queries(client, django_assert_num_queries):
    with django_assert_num_queries(7):
        client.get(LIST)
    with django_assert_num_queries(7):
        client.get(f"{LIST}?theme=emploi&enjeu=C")
    with django_assert_num_queries(6):
        client.get(detail("terralia-afaq-26000"))
    with django_assert_num_queries(6):
        client.get(detail("rennes-exploratoire"))


def test_an_item_no_sheet_describes_says_so_and_lists_its_questions(client):
    response = client.get(detail("toulouse-dare"))
    assert "Aucune fiche du guide ne décrit cette initiative" in response.text
    assert "2C-12" in response.text
