"""/comptes/: log in, log out (POST only), change one's password."""

from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.services import login_lock_lift
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


def test_logging_in_leads_to_my_home(anonymous, editor):
    response = anonymous.post(LOGIN, {"username": "equipe-a", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
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
    assert response["Location"] == reverse("home")


def test_a_wrong_password_is_refused_with_a_message(anonymous, editor):
    response = anonymous.post(LOGIN, {"username": "equipe-a", "password": "pas-le-bon"})
    assert response.status_code == 200
    assert "Identifiant ou mot de passe incorrect." in response.content.decode()
    assert SESSION_KEY not in anonymous.session


def test_a_username_longer_than_any_is_refused_with_a_message_and_nothing_recorded(
        anonymous, editor):
    # django-axes recorded it in its 255-character column: a 500 on PostgreSQL.
    response = anonymous.post(LOGIN, {"username": "e" * 300, "password": "pas-le-bon"})
    assert response.status_code == 200
    assert response.context["form"].errors["username"] == [
        "Assurez-vous que cette valeur comporte au plus 150 caractères (actuellement 300)."]
    assert not AccessAttempt.objects.exists()


def test_the_admins_login_records_a_long_username_cut_to_its_column(anonymous, editor):
    response = anonymous.post("/admin/login/", {"username": "e" * 300, "password": "x"})
    assert response.status_code == 200
    assert [len(name) for name in AccessAttempt.objects.values_list("username", flat=True)] == [
        255]


# --- log out ---


def test_logging_out_ends_the_session(editor_client):
    response = editor_client.post(LOGOUT)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
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


# --- throttling (django-axes): defect 4 of the outside test; locks on the account and the
# address together, so that they cannot be turned against people ---


def fail(client, username="equipe-a", times=1, address="192.0.2.10", **headers):
    for _ in range(times):
        response = client.post(LOGIN, {"username": username, "password": "pas-le-bon"},
                               REMOTE_ADDR=address, **headers)
    return response


def log_in(client, username="equipe-a", address="192.0.2.10", **headers):
    return client.post(LOGIN, {"username": username, "password": PASSWORD},
                       REMOTE_ADDR=address, **headers)


def test_the_right_password_after_ten_wrong_ones_from_there_is_refused(anonymous, editor,
                                                                       settings):
    assert settings.AXES_FAILURE_LIMIT == 10
    assert fail(anonymous, times=9).status_code == 200
    response = fail(anonymous)
    assert response.status_code == 429
    response = log_in(anonymous)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Connexion temporairement bloquée" in html
    assert "bloquée pendant 15 minutes" in html
    assert SESSION_KEY not in anonymous.session


def test_wrong_passwords_for_an_account_from_elsewhere_do_not_lock_its_owner_out(
        anonymous, editor):
    # Ten wrong passwords for a username from any address locked its owner out (one every 90 s
    # kept them out for good).
    assert fail(anonymous, times=12, address="203.0.113.5").status_code == 429
    assert log_in(anonymous, address="192.0.2.10").status_code == 302


def test_one_address_failing_on_many_accounts_locks_no_one_elses_login(anonymous, editor,
                                                                      board):
    # Ten failures from one address locked every account logging in from it: behind a proxy
    # (or an office's one address), the whole site.
    for number in range(10):
        fail(anonymous, username=f"inconnu-{number}", times=10)
    assert fail(anonymous, username="inconnu-0").status_code == 429
    assert log_in(anonymous, username="conseil-a", address="192.0.2.10").status_code == 302


def test_a_forged_forwarded_header_neither_spreads_nor_dodges_a_lock(anonymous, editor,
                                                                     settings):
    # Without a proxy in front (TRUSTED_PROXIES=0), X-Forwarded-For is the client's own words.
    assert settings.TRUSTED_PROXIES == 0
    for number in range(10):
        fail(anonymous, HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")
    assert fail(anonymous, HTTP_X_FORWARDED_FOR="198.51.100.200").status_code == 429
    # …nor locks someone else by naming their address.
    assert log_in(anonymous, address="198.51.100.7",
                  HTTP_X_FORWARDED_FOR="192.0.2.10").status_code == 302


def test_behind_one_proxy_the_address_is_the_one_the_proxy_appended(anonymous, editor,
                                                                    settings):
    # gunicorn behind one TLS proxy that appends the address it received from to
    # X-Forwarded-For; whatever the client wrote itself is to the left of it.
    settings.TRUSTED_PROXIES = 1
    proxy = "10.0.0.2"
    fail(anonymous, address=proxy, HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.5")
    assert list(AccessAttempt.objects.values_list("username", "ip_address")) == [
        ("equipe-a", "203.0.113.5")]
    assert fail(anonymous, times=9, address=proxy,
                HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 429
    # The owner, through the same proxy from their own address, logs in.
    assert log_in(anonymous, address=proxy, HTTP_X_FORWARDED_FOR="192.0.2.10").status_code == 302


def test_behind_one_proxy_a_header_not_set_by_it_counts_the_connection(anonymous, editor,
                                                                       settings):
    settings.TRUSTED_PROXIES = 1
    for forwarded in ("", "pas-une-adresse", "999.1.1.1"):
        fail(anonymous, address="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"10.0.0.2"}


def test_a_success_clears_the_failures_from_there(anonymous, editor):
    fail(anonymous, times=9)
    assert log_in(anonymous).status_code == 302
    anonymous.logout()
    assert fail(anonymous, times=9).status_code == 200


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
    assert log_in(anonymous).status_code == 302


def test_the_password_reset_lifts_a_persons_locks_wherever_they_came_from(anonymous, editor,
                                                                          board):
    fail(anonymous, times=10)
    fail(anonymous, times=10, address="203.0.113.5")
    fail(anonymous, username="conseil-a", times=10)
    assert login_lock_lift(editor) == 2
    assert log_in(anonymous).status_code == 302
    assert log_in(Client(), address="203.0.113.5").status_code == 302
    assert log_in(Client(), username="conseil-a").status_code == 429  # someone else's stays
