"""The staff try « what if » on the results page: answers changed in a side panel move the notes
and the radars, nothing is stored, and the reset brings the stored answers back."""

import re

import pytest
from playwright.sync_api import expect

from grid.models import Answer
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser
RESULTS = "/poles/pole-littoral-durable/2025/resultats/"  # the demo's draft year


def stored_answers():
    return sorted(Answer.objects.values_list("pk", "value", "revision"))


def test_simulating_moves_the_notes_and_the_reset_brings_them_back(
    demo_site, page, axe, screenshot
):
    before = stored_answers()
    log_in(page, demo_site.url, "equipe")
    page.goto(demo_site.url + RESULTS)
    global_note = page.locator("#global-note")
    saved = global_note.inner_text()
    saved_radar = page.locator("#radar-global").locator("xpath=..").locator("td").first
    saved_axis = saved_radar.inner_text()
    expect(page.locator("#radar-global .main-svg").first).to_be_visible()

    page.get_by_role("button", name="Simuler").click()
    panel = page.get_by_role("dialog", name="Simuler")
    expect(panel).to_be_visible()
    expect(page.locator("#simulation-banner")).to_be_hidden()
    question = panel.get_by_label(re.compile(r"^S-1 "))
    question.select_option("--")

    expect(global_note).not_to_have_text(saved)
    expect(page.locator("#simulation-banner")).to_be_visible()
    expect(page.get_by_text("Simulation — rien n'est enregistré")).to_be_visible()
    expect(panel.get_by_role("status")).to_contain_text(
        f"Simulation : note globale {global_note.inner_text()} (au lieu de {saved})")
    expect(saved_radar).not_to_have_text(saved_axis)
    expect(panel.get_by_role("button", name="Transformer en actions")).to_be_enabled()
    assert axe() == []

    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot("simulate-1280", full_page=False)
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("simulate-390", full_page=False)
    page.set_viewport_size({"width": 1280, "height": 900})

    panel.get_by_role("button", name="Revenir aux réponses enregistrées").click()
    expect(global_note).to_have_text(saved)
    expect(saved_radar).to_have_text(saved_axis)
    expect(page.locator("#simulation-banner")).to_be_hidden()
    expect(question).to_have_value(question.get_attribute("data-saved"))
    assert stored_answers() == before

    panel.get_by_role("button", name="Fermer le panneau de simulation").click()
    expect(panel).to_be_hidden()
    planifier = page.get_by_role("link", name=re.compile(r"^Planifier une action sur "))
    expect(planifier.first).to_be_visible()
    assert "/poles/pole-littoral-durable/plan/nouvelle/?question=" in planifier.first.get_attribute(
        "href")
    screenshot("results-planifier")


def test_without_javascript_there_is_no_simulate_button(demo_site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_site.url + "/comptes/connexion/")
    page.get_by_label("Nom d’utilisateur").fill("conseil")
    page.get_by_label("Mot de passe").fill("demo")
    page.get_by_role("button", name="Se connecter").click()
    page.goto(demo_site.url + RESULTS)
    expect(page.get_by_role("heading", name="Résultats 2025")).to_be_visible()
    expect(page.get_by_role("button", name="Simuler")).to_be_hidden()
    context.close()
