"""/comptes/: log in, log out (POST only), change one's password."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from tests.grid.conftest import PASSWORD, login_url, url

pytestmark = pytest.mark.django_db

LOGIN = "/comptes/connexion/"
LOGOUT = "/comptes/deconnexion/"
PASSWORD_CHANGE = "/comptes/mot-de-passe/"


def test_the_urls_are_french():
    assert (reverse("login"), reverse("logout"), reverse("password_change")) == (
        LOGIN, LOGOUT, PASSWORD_CHANGE,
    )


# --- log in ---


def test_the_login_page_has_labelled_fields(anonymous):
    response = anonymous.get(LOGIN)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Connexion" in html
    assert 'for="id_username"' in html and 'for="id_password"' in html


def test_logging_in_leads_to_my_clusters(anonymous, editor):
    response = anonymous.post(LOGIN, {"username": "equipe-a", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == url("cluster-list")
    assert int(anonymous.session[SESSION_KEY]) == editor.pk


def test_logging_in_returns_to_the_page_asked_for(anonymous, editor, assessment):
    target = url("grid", assessment)
    response = anonymous.post(
        login_url(target), {"username": "equipe-a", "password": PASSWORD, "next": target}
    )
    assert response["Location"] == target


def test_it_ignores_a_next_outside_the_site(anonymous, editor):
    response = anonymous.post(
        LOGIN, {"username": "equipe-a", "password": PASSWORD, "next": "https://example.com/"}
    )
    assert response["Location"] == url("cluster-list")


def test_a_wrong_password_is_refused_with_a_message(anonymous, editor):
    response = anonymous.post(LOGIN, {"username": "equipe-a", "password": "pas-le-bon"})
    assert response.status_code == 200
    assert "Identifiant ou mot de passe incorrect." in response.content.decode()
    assert SESSION_KEY not in anonymous.session


# --- log out ---


def test_logging_out_ends_the_session(editor_client):
    response = editor_client.post(LOGOUT)
    assert response.status_code == 302
    assert response["Location"] == reverse("initiatives:home")
    assert SESSION_KEY not in editor_client.session
    assert editor_client.get(url("cluster-list"))["Location"] == login_url(url("cluster-list"))


def test_logging_out_refuses_get(editor_client):
    assert editor_client.get(LOGOUT).status_code == 405
    assert SESSION_KEY in editor_client.session


def test_every_page_offers_a_logout_form_to_a_member(editor_client):
    html = editor_client.get(url("cluster-list")).content.decode()
    assert f'<form method="post" action="{LOGOUT}">' in html


# --- change one's password ---


def test_the_password_page_sends_anonymous_to_login(anonymous):
    response = anonymous.get(PASSWORD_CHANGE)
    assert response["Location"] == login_url(PASSWORD_CHANGE)


def test_the_password_page_has_labelled_fields(editor_client):
    response = editor_client.get(PASSWORD_CHANGE)
    assert response.status_code == 200
    html = response.content.decode()
    for field in ("old_password", "new_password1", "new_password2"):
        assert f'for="id_{field}"' in html


def test_changing_the_password(editor_client, editor):
    response = editor_client.post(
        PASSWORD_CHANGE,
        {"old_password": PASSWORD, "new_password1": "Nouveau-mot-2025!",
         "new_password2": "Nouveau-mot-2025!"},
    )
    assert response["Location"] == reverse("password_change_done")
    editor.refresh_from_db()
    assert editor.check_password("Nouveau-mot-2025!")
    assert editor_client.get(reverse("password_change_done")).status_code == 200


def test_a_wrong_old_password_changes_nothing(editor_client, editor):
    response = editor_client.post(
        PASSWORD_CHANGE,
        {"old_password": "pas-le-bon", "new_password1": "Nouveau-mot-2025!",
         "new_password2": "Nouveau-mot-2025!"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["old_password"]
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)
