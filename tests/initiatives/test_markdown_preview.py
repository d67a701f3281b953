"""The content admin's Markdown preview: the same rendering and sanitising as the public pages,
for staff who edit content only, POST with its CSRF token, writing nothing (the permission
matrix, tests/test_permissions.py, tries every person and the GET)."""

import re

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from glossary.models import GlossaryTerm
from initiatives.content_admin import ContentHistoryAdmin
from initiatives.markdown import render_markdown
from initiatives.models import Sheet
from initiatives.templatetags.content import TEXT_PARTS
from tests.fixtures import logged_in

URL = reverse("initiatives:markdown-preview")


@pytest.mark.django_db
def test_the_preview_is_what_the_public_page_shows(client, content_admin):
    term = GlossaryTerm.objects.exclude(definition="").order_by("slug").first()
    html = logged_in(content_admin).post(URL, {"text": term.definition}).json()["html"]
    assert html == render_markdown(term.definition) and "<p>" in html
    assert html in client.get(term.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_the_preview_strips_scripts_and_unsafe_links(content_admin):
    typed = ("**gras** <script>alert(1)</script>\n\n[lien](javascript:alert(1)) "
             '<img src=x onerror="alert(1)"> <a href="https://example.org" onclick="x()">ok</a>')
    html = logged_in(content_admin).post(URL, {"text": typed}).json()["html"]
    assert "<strong>gras</strong>" in html
    assert "<script" not in html and "javascript:" not in html
    assert "onerror" not in html and "onclick" not in html and "<img" not in html
    assert '<a href="https://example.org" rel="noopener noreferrer">ok</a>' in html


@pytest.mark.django_db
def test_staff_without_content_rights_get_no_preview(db):
    staff = get_user_model().objects.create_user("personnel", is_staff=True)
    assert logged_in(staff).post(URL, {"text": "x"}).status_code == 403


@pytest.mark.django_db
def test_the_preview_needs_the_csrf_token(content_admin):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(content_admin)
    assert browser.post(URL, {"text": "x"}).status_code == 403


@pytest.mark.django_db
def test_a_request_without_text_is_told_so(content_admin):
    response = logged_in(content_admin).post(URL, {})
    assert response.status_code == 400
    assert response.json() == {"error": "Aucun texte à prévisualiser."}


@pytest.mark.django_db
def test_each_markdown_field_of_the_sheet_form_has_its_preview(content_admin):
    sheet = Sheet.objects.get(number="12")
    page = logged_in(content_admin).get(reverse("admin:initiatives_sheet_change", args=[sheet.pk]))
    html = page.content.decode()
    for part in Sheet.PARTS:
        assert f'data-markdown-preview="id_{part}"' in html, part
        assert f'id="id_{part}-preview" role="region"' in html, part
    assert 'data-markdown-preview="id_title"' not in html
    assert html.count("js/markdown_preview.js") == 1


def test_every_field_the_pages_render_as_markdown_has_the_preview():
    rendered = set(TEXT_PARTS) | {
        found.group(1)
        for path in (settings.BASE_DIR / "templates").rglob("*.html")
        for found in re.finditer(r"\.(\w+)\|markdown\b", path.read_text(encoding="utf-8"))
    }
    previewed = {name for model_admin in admin.site._registry.values()
                 if isinstance(model_admin, ContentHistoryAdmin)
                 for name in model_admin.markdown_fields}
    assert len(rendered) > 10 and rendered <= previewed, rendered - previewed
