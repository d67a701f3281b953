"""/comptes/: log in, log out (POST only), change one's password."""

from io import StringIO

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.management import call_command
from django.urls import reverse

from tests.fixtures import PASSWORD, login_url, url

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


# --- throttling (django-axes): defect 4 of the outside test ---


def fail(client, username="equipe-a", times=1, address="192.0.2.10"):
    for _ in range(times):
        response = client.post(LOGIN, {"username": username, "password": "pas-le-bon"},
                               REMOTE_ADDR=address)
    return response


def test_the_right_password_after_ten_wrong_ones_is_refused(anonymous, editor, settings):
    assert settings.AXES_FAILURE_LIMIT == 10
    assert fail(anonymous, times=9).status_code == 200
    response = fail(anonymous)
    assert response.status_code == 429
    response = anonymous.post(LOGIN, {"username": "equipe-a", "password": PASSWORD},
                              REMOTE_ADDR="198.51.100.7")  # another address: the account counts
    assert response.status_code == 429
    html = response.content.decode()
    assert "Connexion temporairement bloquée" in html
    assert "bloquée pendant 15 minutes" in html
    assert SESSION_KEY not in anonymous.session


def test_one_address_trying_many_accounts_is_throttled(anonymous, editor, board):
    for number in range(10):
        fail(anonymous, username=f"inconnu-{number}")
    response = anonymous.post(LOGIN, {"username": "conseil-a", "password": PASSWORD},
                              REMOTE_ADDR="192.0.2.10")
    assert response.status_code == 429
    elsewhere = anonymous.post(LOGIN, {"username": "conseil-a", "password": PASSWORD},
                               REMOTE_ADDR="198.51.100.7")
    assert elsewhere.status_code == 302


def test_a_success_clears_the_accounts_failures(anonymous, editor):
    fail(anonymous, times=9)
    assert anonymous.post(LOGIN, {"username": "equipe-a", "password": PASSWORD},
                          REMOTE_ADDR="198.51.100.7").status_code == 302
    anonymous.logout()
    assert fail(anonymous, times=9, address="198.51.100.8").status_code == 200


def test_a_locked_out_login_hashes_no_password(anonymous, editor, monkeypatch):
    # The flood slowed every autosave 40-fold: each wrong password cost a hash.
    hashed = []
    monkeypatch.setattr("django.contrib.auth.base_user.check_password",
                        lambda *args, **kwargs: hashed.append(args) or False)
    fail(anonymous, times=10)
    assert len(hashed) == 10
    assert fail(anonymous, times=5).status_code == 429
    assert len(hashed) == 10


def test_an_administrator_unlocks_an_account_with_a_command(anonymous, editor):
    fail(anonymous, times=10)
    call_command("axes_reset_username", "equipe-a", stdout=StringIO())
    response = anonymous.post(LOGIN, {"username": "equipe-a", "password": PASSWORD},
                              REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302
