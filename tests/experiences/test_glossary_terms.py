"""The companion documents' terms the experiences use are in the glossary, with their source,
linked to sheets both ways."""

import pytest
from django.urls import reverse

from glossary.models import GlossaryTerm

pytestmark = pytest.mark.django_db
TERMS = ["rse", "afaq-26000", "label-enr", "ptce", "ess", "groupement-demployeurs", "emplitude"]


def test_each_term_has_its_source_and_a_sheet():
    for slug in TERMS:
        term = GlossaryTerm.objects.get(slug=slug)
        assert term.source and term.links.filter(kind="proposed").exists(), slug


def test_the_term_page_cites_its_document_and_the_sheet_page_links_back(client):
    html = client.get(reverse("glossary:term-detail", args=["label-enr"])).content.decode()
    assert "Source : France Clusters" in html and "L378–L400" in html
    assert reverse("guide:sheet-detail", args=["3"]) in html
    sheet = client.get(reverse("guide:sheet-detail", args=["3"])).content.decode()
    assert reverse("glossary:term-detail", args=["label-enr"]) in sheet


def test_afaq_26000_is_an_evaluation_not_a_certification():
    assert "pas une certification" in GlossaryTerm.objects.get(slug="afaq-26000").definition
