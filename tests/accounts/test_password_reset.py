"""« Mot de passe oublié »: Django's password reset, its mail sent through accounts.mail in the
account's language; the same answer for an unknown address; a new password lifts the account's
login locks."""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import LanguagePreference, OutgoingMail
from tests.fixtures import PASSWORD

LINK = re.compile(r"https?://\S+?(/comptes/reinitialiser/[\w-]+/[\w-]+/)")
FORGOT = "/comptes/mot-de-passe/oubli/"


@pytest.fixture
def ask(anonymous, django_capture_on_commit_callbacks):
    def run(email):
        with django_capture_on_commit_callbacks(execute=True):
            return anonymous.post(FORGOT, {"email": email})
    return run


def test_the_urls_are_french():
    assert reverse("password_reset") == FORGOT
    assert reverse("password_reset_done") == "/comptes/mot-de-passe/oubli/envoye/"
    assert reverse("password_reset_complete") == "/comptes/reinitialiser/fait/"
    assert reverse("password_reset_confirm", args=["MQ", "a-b"]) == "/comptes/reinitialiser/MQ/a-b/"


def test_the_login_page_links_to_it(anonymous):
    html = anonymous.get(reverse("login")).content.decode()
    assert f'href="{FORGOT}"' in html and "Mot de passe oublié ?" in html


def test_a_known_address_gets_a_mail_with_a_link_that_works(ask, anonymous, editor):
    response = ask("EQUIPE-A@example.org")
    assert response.status_code == 302
    assert response["Location"] == "/comptes/mot-de-passe/oubli/envoye/"
    [sent] = mail.outbox
    assert sent.to == [editor.email]
    assert sent.subject == "Choisir un nouveau mot de passe"
    assert "pour le compte « equipe-a »" in sent.body
    assert "il vous est envoyé quelles que soient vos préférences" in sent.body
    link = LINK.search(sent.body).group(1)
    form = anonymous.get(link, follow=True)  # Django moves the token into the session
    assert form.status_code == 200 and b"new_password1" in form.content
    new = {"new_password1": "Vent-du-Large-42", "new_password2": "Vent-du-Large-42"}
    done = anonymous.post(form.redirect_chain[-1][0], new)
    assert done["Location"] == reverse("password_reset_complete")
    editor.refresh_from_db()
    assert editor.check_password("Vent-du-Large-42")
    # The link served once.
    assert b"n'est plus valable" in anonymous.get(link, follow=True).content


def test_an_unknown_address_gets_the_same_answer_and_no_mail(ask, editor):
    known, unknown = ask(editor.email), ask("personne@example.org")
    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert [sent.to for sent in mail.outbox] == [[editor.email]]
    assert OutgoingMail.objects.count() == 1


def test_an_invalid_address_is_refused_on_the_form(ask):
    response = ask("pas-une-adresse")
    assert response.status_code == 200
    assert "Saisissez une adresse de courriel valide." in response.content.decode()
    assert mail.outbox == []


def test_the_mail_is_in_the_account_s_language(ask, editor):
    LanguagePreference.objects.create(user=editor, language="en")
    ask(editor.email)
    [sent] = mail.outbox
    assert sent.subject == "Choose a new password"
    assert "for the account “equipe-a”" in sent.body
    html, _ = sent.alternatives[0]
    assert '<html lang="en">' in html


def test_the_pages_answer_in_both_languages(anonymous):
    assert "Mot de passe oublié" in anonymous.get(FORGOT).content.decode()
    english = Client(headers={"accept-language": "en"})
    assert "Forgotten password" in english.get(FORGOT).content.decode()


def test_a_new_password_lifts_the_login_lock(ask, anonymous, editor):
    for _ in range(10):
        anonymous.post(reverse("login"), {"username": "equipe-a", "password": "pas-le-bon"},
                       REMOTE_ADDR="192.0.2.10")
    locked = Client().post(reverse("login"), {"username": "equipe-a", "password": PASSWORD},
                           REMOTE_ADDR="192.0.2.10")
    assert locked.status_code == 429
    assert f'href="{FORGOT}"' in locked.content.decode()  # the way out, on the lock's page
    ask(editor.email)
    assert AccessAttempt.objects.exists()  # asking lifts nothing: anyone may ask
    link = LINK.search(mail.outbox[0].body).group(1)
    form = anonymous.get(link, follow=True)
    anonymous.post(form.redirect_chain[-1][0],
                   {"new_password1": "Vent-du-Large-42", "new_password2": "Vent-du-Large-42"})
    assert not AccessAttempt.objects.filter(username="equipe-a").exists()
    response = Client().post(reverse("login"),
                             {"username": "equipe-a", "password": "Vent-du-Large-42"},
                             REMOTE_ADDR="192.0.2.10")
    assert response.status_code == 302


def test_a_flood_of_requests_mails_the_owner_three_times_an_hour(ask, editor):
    answers = {ask(editor.email)["Location"] for _ in range(5)}
    assert answers == {"/comptes/mot-de-passe/oubli/envoye/"}  # the same answer every time
    assert len(mail.outbox) == 3
    OutgoingMail.objects.update(created_at=timezone.now() - timedelta(hours=2))
    ask(editor.email)
    assert len(mail.outbox) == 4
