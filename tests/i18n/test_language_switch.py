"""The interface language: Accept-Language first, then the navbar's switch (a cookie, and the
account for people who log in); the URLs never change."""

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import LanguagePreference
from tests.fixtures import PASSWORD, logged_in

SWITCH = reverse("set-language")
HOME = reverse("home")
NOTE = "exists in French only"


def heading_language(response) -> str:
    return response.content.decode().split('<html lang="', 1)[1].split('"', 1)[0]


@pytest.mark.django_db
@pytest.mark.parametrize(("header", "language"), [
    ("", "fr"), ("en-GB,en;q=0.9", "en"), ("en-US", "en"), ("de-DE,de;q=0.9", "fr"),
    ("de-DE,en;q=0.5", "en"), ("fr-CA,en;q=0.8", "fr"),
])
def test_accept_language_picks_the_default(header, language):
    response = Client(headers={"accept-language": header} if header else {}).get(HOME)
    assert heading_language(response) == language
    assert response["Content-Language"] == language
    assert (NOTE in response.content.decode()) == (language == "en")


@pytest.mark.django_db
def test_the_switch_sets_a_cookie_and_goes_back_to_the_same_url(client):
    response = client.post(SWITCH, {"language": "en", "next": "/fiches/12/?q=x"})
    assert response.status_code == 302 and response["Location"] == "/fiches/12/?q=x"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en" and cookie["max-age"] == 365 * 24 * 60 * 60
    page = client.get("/fiches/12/")
    assert heading_language(page) == "en" and ">Sheets<" in page.content.decode()
    # The cookie wins over the browser's own language.
    assert heading_language(client.get(HOME, headers={"accept-language": "fr"})) == "en"


@pytest.mark.django_db
@pytest.mark.parametrize("data", [{}, {"language": "de"}, {"language": "en' OR 1=1"}])
def test_an_unknown_language_is_refused_and_changes_nothing(client, data):
    response = client.post(SWITCH, data)
    assert response.status_code == 400
    assert "Langue inconnue" in response.content.decode()
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "", "javascript:x"])
def test_the_switch_never_sends_elsewhere(client, target):
    response = client.post(SWITCH, {"language": "en", "next": target})
    assert response.status_code == 302 and response["Location"] == "/"


@pytest.mark.django_db
def test_the_switch_only_accepts_posts(client):
    assert client.get(SWITCH, {"language": "en"}).status_code == 405


def test_a_logged_in_person_keeps_the_choice_on_any_browser(editor):
    client = logged_in(editor)
    client.post(SWITCH, {"language": "en", "next": "/"})
    assert LanguagePreference.objects.get(user=editor).language == "en"

    # Another browser, which asks for French: the account's choice wins once logged in, and the
    # browser keeps it after logging out.
    other = Client(headers={"accept-language": "fr"})
    other.post(reverse("login"), {"username": editor.username, "password": PASSWORD})
    assert heading_language(other.get(reverse("workspace:cluster-list"))) == "en"
    other.post(reverse("logout"))
    assert heading_language(other.get(HOME)) == "en"


def test_without_a_saved_choice_logging_in_changes_nothing(editor):
    client = Client(headers={"accept-language": "en"})
    client.post(reverse("login"), {"username": editor.username, "password": PASSWORD})
    assert heading_language(client.get(reverse("workspace:cluster-list"))) == "en"
    assert not LanguagePreference.objects.filter(user=editor).exists()


def test_reading_the_saved_choice_costs_no_query_per_page(editor, board):
    chosen = Client()
    chosen.post(reverse("login"), {"username": editor.username, "password": PASSWORD})
    chosen.post(SWITCH, {"language": "en", "next": "/"})
    plain = logged_in(board)
    page = reverse("workspace:cluster-list")
    chosen.get(page), plain.get(page)  # the content cache warm for both

    def queries(client) -> int:
        with CaptureQueriesContext(connection) as context:
            client.get(page)
        return len(context)

    assert heading_language(chosen.get(page)) == "en"
    assert queries(chosen) == queries(plain)
