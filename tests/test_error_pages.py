"""400, 403, 404 and 500 in the site's frame, in both languages, saying what to do. The 500 page
renders without the database (Django renders it bare: no request, no context processor)."""

import pytest
from django.db import connection
from django.test import Client, RequestFactory, override_settings
from django.utils import translation
from django.views import defaults

from tests.fixtures import assert_hidden_from_outsider, url

pytestmark = pytest.mark.django_db

FRAME = ('<link rel="stylesheet" href="/static/css/app.css">', 'class="navbar-brand',
         'class="site-footer')


def text_of(response) -> str:
    return response.content.decode().replace("&#x27;", "'")


def in_frame(html: str) -> bool:
    return all(part in html for part in FRAME)


@pytest.fixture
def database_down(monkeypatch):
    """Every query fails, as with the database server stopped."""
    def refuse(*args, **kwargs):
        raise AssertionError("the page queried the database")
    monkeypatch.setattr(connection, "cursor", refuse)
    monkeypatch.setattr(connection, "ensure_connection", refuse)


def test_404_in_the_frame_saying_what_to_do(outsider_client, cluster_a, editor):
    response = outsider_client.get(url("cluster-detail", slug=cluster_a.slug))
    assert_hidden_from_outsider(response, cluster_a)
    html = text_of(response)
    assert in_frame(html) and "Page introuvable" in html
    assert "les pages d'un pôle sont réservées à ses membres" in html
    assert f'href="{url("cluster-list")}"' in html  # logged in: their clusters


def test_404_to_anonymous_offers_the_login(anonymous):
    html = text_of(anonymous.get("/nulle-part/"))
    assert "Page introuvable" in html and 'href="/comptes/connexion/"' in html


def test_404_in_english(outsider, cluster_a):
    client = Client(headers={"accept-language": "en"})
    client.force_login(outsider)
    with translation.override("fr"):  # the request's English stays in the request
        html = text_of(client.get(url("cluster-detail", slug=cluster_a.slug)))
    assert '<html lang="en">' in html and "Page not found" in html


def test_403_says_the_role_does_not_allow_it(board_client, filled):
    response = board_client.post(url("submit", filled))
    assert response.status_code == 403
    html = text_of(response)
    assert in_frame(html) and "Action réservée" in html
    assert "Votre rôle ne permet pas cette action" in html


def test_403_in_english(board, filled):
    client = Client(headers={"accept-language": "en"})
    client.force_login(board)
    with translation.override("fr"):
        html = text_of(client.post(url("submit", filled)))
    assert "Your role does not allow this" in html


def test_400_in_the_frame():
    with translation.override("fr"):
        response = defaults.bad_request(RequestFactory().get("/"), Exception("bad"))
    html = text_of(response)
    assert response.status_code == 400 and in_frame(html) and "Requête incorrecte" in html


def test_a_csrf_refusal_says_to_reload(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post("/comptes/deconnexion/")
    assert response.status_code == 403
    html = text_of(response)
    assert in_frame(html) and "Formulaire expiré" in html and "rechargez-la" in html


@pytest.mark.parametrize(("language", "title"), [("fr", "Erreur du serveur"),
                                                 ("en", "Server error")])
def test_500_renders_with_the_database_down(database_down, language, title):
    with translation.override(language):
        response = defaults.server_error(RequestFactory().get("/"))
    html = text_of(response)
    assert response.status_code == 500 and in_frame(html)
    assert title in html and f'<html lang="{language}">' in html


@override_settings(ROOT_URLCONF="tests.error_urls", DEBUG=False)
def test_an_error_in_a_view_gets_the_500_page(anonymous, database_down):
    anonymous.raise_request_exception = False
    response = anonymous.get("/panne/")
    assert response.status_code == 500
    html = text_of(response)
    assert in_frame(html) and "Réessayez dans quelques minutes" in html
    assert "Connection refused" not in html  # nothing of the error itself
