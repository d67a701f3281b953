"""A person invited by mail joins, logs in, then forgets their password and sets a new one
through the mail: the members page, the invitation's page and the reset pages, each kept as a
screenshot at 1280 and 390 px (artifacts/screenshots/<language>/accounts/).

The live server runs in the test's process with the immediate task backend: the mails it sends
after each commit land in django.core.mail.outbox, where the person's inbox is read."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from clusters.models import Membership
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

CLUSTER = "pole-littoral-durable"
ADDRESS = "nina.nouvelle@example.org"
WIDE, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}


def both_widths(page, screenshot, name):
    """The page at 1280 then 390 px, neither wider than the screen."""
    for size in (WIDE, PHONE):
        page.set_viewport_size(size)
        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"], name
        screenshot(f"accounts/{name}-{size['width']}")
    page.set_viewport_size(WIDE)


def link_from_the_mail(to: str, path: str) -> str:
    """The path of the link the last mail to `to` carries (its site part is SITE_URL's, not the
    live server's)."""
    sent = [message for message in mail.outbox if message.to == [to]][-1]
    return re.search(rf"https?://[^/\s]+({path}\S*/)", sent.body).group(1)


def test_an_invited_person_joins_logs_in_and_resets_their_password_by_mail(
        demo_site, page, axe, screenshot, tr, ui_language):
    base = demo_site.url
    mail.outbox.clear()

    # The editor invites an address from the members page.
    log_in(page, base, "equipe")
    page.goto(f"{base}/poles/{CLUSTER}/membres/")
    expect(page.get_by_role("heading", name=tr("Membres du pôle"))).to_be_visible()
    page.get_by_label(tr("Adresse électronique")).fill(ADDRESS)
    page.get_by_role("radio", name=tr("équipe du pôle")).check()
    page.get_by_role("button", name=tr("Envoyer l'invitation")).click()
    sent = tr("Invitation envoyée à %(email)s.") % {"email": ADDRESS}
    expect(page.get_by_text(sent)).to_be_visible()
    expect(page.get_by_text(tr("Invitations en attente"))).to_be_visible()
    assert axe() == []
    both_widths(page, screenshot, "members")
    page.get_by_role("button", name="equipe").click()
    page.get_by_role("button", name=tr("Se déconnecter")).click()

    # The invited person opens the link from the mail, in the language it was sent in.
    [invitation] = [message for message in mail.outbox if message.to == [ADDRESS]]
    assert invitation.subject == tr("Invitation à rejoindre %(target)s") % {
        "target": "Pôle Littoral Durable"}
    page.goto(base + link_from_the_mail(ADDRESS, "/comptes/invitation/"))
    expect(page.get_by_role("heading", name=tr("Rejoindre %(target)s") % {
        "target": "Pôle Littoral Durable"})).to_be_visible()
    assert axe() == []
    both_widths(page, screenshot, "invitation")
    page.locator("#id_first_name").fill("Nina")
    page.locator("#id_last_name").fill("Nouvelle")
    page.locator("#id_password1").fill("Houle-de-Noroit-31")
    page.locator("#id_password2").fill("Houle-de-Noroit-31")
    page.get_by_role("button", name=tr("Créer mon compte et accepter")).click()

    # Logged in, on the cluster's page, with the membership.
    page.wait_for_url(f"{base}/poles/{CLUSTER}/")
    welcome = tr("Bienvenue : vous faites maintenant partie de %(target)s.") % {
        "target": "Pôle Littoral Durable"}
    expect(page.get_by_text(welcome)).to_be_visible()
    assert Membership.objects.get(user__email=ADDRESS, cluster__slug=CLUSTER).role == "editor"
    page.get_by_role("button", name=ADDRESS).click()
    page.get_by_role("button", name=tr("Se déconnecter")).click()

    # « Mot de passe oublié » from the login page.
    page.goto(base + "/comptes/connexion/")
    page.get_by_role("link", name=tr("Mot de passe oublié ?")).click()
    expect(page.get_by_role("heading", name=tr("Mot de passe oublié"))).to_be_visible()
    assert axe() == []
    both_widths(page, screenshot, "reset-ask")
    page.locator("#id_email").fill(ADDRESS)
    page.get_by_role("button", name=tr("Recevoir le lien")).click()
    expect(page.get_by_role("heading", name=tr("Consultez votre messagerie"))).to_be_visible()
    both_widths(page, screenshot, "reset-sent")

    # The reset mail, in the language the person chose when joining; its link sets a password.
    reset = [message for message in mail.outbox if message.to == [ADDRESS]][-1]
    assert reset.subject == tr("Choisir un nouveau mot de passe")
    page.goto(base + link_from_the_mail(ADDRESS, "/comptes/reinitialiser/"))
    expect(page.get_by_role("heading", name=tr("Nouveau mot de passe"))).to_be_visible()
    assert axe() == []
    both_widths(page, screenshot, "reset-form")
    page.locator("#id_new_password1").fill("Brise-de-Suroit-58")
    page.locator("#id_new_password2").fill("Brise-de-Suroit-58")
    page.get_by_role("button", name=tr("Enregistrer le nouveau mot de passe")).click()
    expect(page.get_by_role("heading", name=tr("Mot de passe changé"))).to_be_visible()
    both_widths(page, screenshot, "reset-done")

    # The new password logs in.
    page.get_by_role("link", name=tr("Se connecter")).last.click()
    page.locator("#id_username").fill(ADDRESS)
    page.locator("#id_password").fill("Brise-de-Suroit-58")
    page.locator("#id_password").press("Enter")
    page.wait_for_url(base + "/")  # the person's home
    expect(page.get_by_role("link", name="Pôle Littoral Durable").first).to_be_visible()
