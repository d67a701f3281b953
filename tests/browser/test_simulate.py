"""The staff try « what if » on the results page: answers changed in a side panel move the notes
and the radars, nothing is stored, and the reset brings the stored answers back."""

import re

import pytest
from django.utils.text import capfirst
from playwright.sync_api import expect

from grid.models import Answer
from tests.browser.conftest import LOCALES, log_in

pytestmark = pytest.mark.browser
RESULTS = "/poles/pole-littoral-durable/2025/resultats/"  # the demo's draft year


def stored_answers():
    return sorted(Answer.objects.values_list("pk", "value", "revision"))


def test_simulating_moves_the_notes_and_the_reset_brings_them_back(
    demo_site, page, axe, screenshot, tr
):
    before = stored_answers()
    log_in(page, demo_site.url, "equipe")
    page.goto(demo_site.url + RESULTS)
    global_note = page.locator("#global-note")
    saved = global_note.inner_text()
    saved_radar = page.locator("#radar-global").locator("xpath=..").locator("td").first
    saved_axis = saved_radar.inner_text()
    expect(page.locator("#radar-global .main-svg").first).to_be_visible()

    page.get_by_role("button", name=tr("Simuler")).click()
    panel = page.get_by_role("dialog", name=tr("Simuler"))
    expect(panel).to_be_visible()
    expect(page.locator("#simulation-banner")).to_be_hidden()
    question = panel.get_by_label(re.compile(r"^S-1 "))
    question.select_option("--")

    expect(global_note).not_to_have_text(saved)
    expect(page.locator("#simulation-banner")).to_be_visible()
    expect(page.get_by_text(tr("Simulation — rien n'est enregistré"))).to_be_visible()
    announce = tr("Simulation : note globale %(new)s (au lieu de %(old)s)")
    expect(panel.get_by_role("status")).to_contain_text(
        announce % {"new": global_note.inner_text(), "old": saved})
    expect(saved_radar).not_to_have_text(saved_axis)
    expect(panel.get_by_role("button", name=tr("Transformer en actions"))).to_be_enabled()
    assert axe() == []

    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot("simulate-1280", full_page=False)
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("simulate-390", full_page=False)
    page.set_viewport_size({"width": 1280, "height": 900})

    panel.get_by_role("button", name=tr("Revenir aux réponses enregistrées")).click()
    expect(global_note).to_have_text(saved)
    expect(saved_radar).to_have_text(saved_axis)
    expect(page.locator("#simulation-banner")).to_be_hidden()
    expect(question).to_have_value(question.get_attribute("data-saved"))
    assert stored_answers() == before

    panel.get_by_role("button", name=tr("Fermer le panneau de simulation")).click()
    expect(panel).to_be_hidden()
    offer = tr("Planifier une action sur %(code)s") % {"code": ""}
    planifier = page.get_by_role("link", name=re.compile("^" + re.escape(offer)))
    expect(planifier.first).to_be_visible()
    assert "/poles/pole-littoral-durable/plan/nouvelle/?question=" in planifier.first.get_attribute(
        "href")
    screenshot("results-planifier")


def test_the_panel_is_a_dialog_the_keyboard_enters_and_leaves(demo_site, page, tr):
    # Issue #23: a dialog takes the focus when it opens, Escape closes it, the focus comes back.
    log_in(page, demo_site.url, "equipe")
    page.goto(demo_site.url + RESULTS)
    opener = page.get_by_role("button", name=tr("Simuler"))
    opener.focus()
    page.keyboard.press("Enter")
    panel = page.get_by_role("dialog", name=tr("Simuler"))
    expect(panel).to_be_focused()
    # Not modal: the page beside it stays readable while the notes move.
    expect(panel).not_to_have_attribute("aria-modal", "true")
    page.keyboard.press("Tab")
    expect(panel.get_by_role("button", name=tr("Fermer le panneau de simulation"))).to_be_focused()
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(opener).to_be_focused()


def test_without_javascript_there_is_no_simulate_button(demo_site, browser, ui_language, tr):
    context = browser.new_context(java_script_enabled=False, locale=LOCALES[ui_language])
    page = context.new_page()
    page.goto(demo_site.url + "/comptes/connexion/")
    # Django's login form: « Nom d’utilisateur » is capfirst of the field's verbose name.
    page.get_by_label(capfirst(tr("username"))).fill("conseil")
    page.get_by_label(tr("Password")).fill("demo")
    page.get_by_role("button", name=tr("Se connecter")).click()
    page.goto(demo_site.url + RESULTS)
    heading = tr("Résultats %(year)s") % {"year": 2025}
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    expect(page.get_by_role("button", name=tr("Simuler"))).to_be_hidden()
    context.close()
