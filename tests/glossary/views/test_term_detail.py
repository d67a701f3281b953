import pytest
from django.urls import reverse

from glossary.models import GlossaryLink, GlossaryTerm

pytestmark = pytest.mark.django_db


def url(slug):
    return reverse("glossary:term-detail", args=[slug])


def test_every_term_answers(client):
    for term in GlossaryTerm.objects.all():
        response = client.get(url(term.slug))
        assert response.status_code == 200, term.slug
        assert term.term.replace("'", "&#x27;") in response.content.decode()


def test_it_tells_explicit_links_from_proposed_ones(client):
    link = GlossaryLink.objects.filter(kind="proposed").select_related("term").first()
    term = link.term
    html = client.get(url(term.slug)).content.decode()
    assert "Proposées pour cette édition" in html
    explicit = GlossaryLink.objects.filter(kind="explicit").select_related("term").first()
    html = client.get(url(explicit.term.slug)).content.decode()
    assert "Indiquées dans le guide" in html


@pytest.mark.parametrize("slug", ["inconnu", "acv-2"])
def test_an_unknown_term_is_404(client, slug):
    assert client.get(url(slug)).status_code == 404


def test_it_rejects_post(client):
    slug = GlossaryTerm.objects.first().slug
    assert client.post(url(slug)).status_code == 405


def test_it_runs_a_constant_number_of_queries(client, django_assert_num_queries):
    slug = GlossaryTerm.objects.first().slug
    with django_assert_num_queries(2):
        client.get(url(slug))
