"""The guide's first link, in plain sight: the team drafts the cluster's strategy for 2025–2027
with two axes and their targets (a refused save first: one axis only) and submits it; the board
reads it and approves it from the panel at the top. Each page looked at on a wide screen and
on a phone, checked by axe-core."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from strategy.models import Strategy
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser
CLUSTER = "pole-littoral-durable"
WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def both_widths(page, screenshot, name, axe):
    for label, size in (("1280", WIDE), ("390", PHONE)):
        page.set_viewport_size(size)
        screenshot(f"{name}-{label}")
        assert axe() == [], (name, label)
        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"], label
    page.set_viewport_size(WIDE)


def fill_axis(page, number, title, enjeu, level, objective):
    prefix = f"axis-{number}-"
    page.locator(f"#id_{prefix}title").fill(title)
    page.locator(f"input[name='{prefix}enjeux'][value='{enjeu}']").check()
    page.locator(f"input[name='{prefix}levels'][value='{level}']").check()
    target_ref, target, year = objective
    page.locator(f"#id_{prefix}objective_1_target_ref").select_option(target_ref)
    page.locator(f"#id_{prefix}objective_1_target").fill(target)
    page.locator(f"#id_{prefix}objective_1_year").fill(year)


def test_the_team_drafts_the_strategy_and_the_board_approves_it(demo_site, page, screenshot,
                                                                tr, axe):
    base = demo_site.url
    # The demo's own strategy (2025–2027) taken away: the team defines one from scratch.
    Strategy.objects.filter(cluster__slug=CLUSTER).delete()
    board = get_user_model().objects.get(username="conseil")
    log_in(page, base, "equipe", then=f"/poles/{CLUSTER}/")
    page.get_by_role("link", name=tr("Stratégie"), exact=True).click()
    expect(page.locator("h1")).to_have_text(tr("Stratégie de développement durable"))
    page.get_by_role("link", name=tr("Définir la stratégie")).click()

    page.get_by_label(tr("Première année")).fill("2025")
    page.get_by_label(tr("Dernière année")).fill("2027")
    page.locator("#id_responsible").select_option(str(board.pk))
    page.locator("#id_process").fill("Un groupe de travail du CA, deux ateliers ouverts.")
    page.get_by_label(tr("entreprise membre")).check()
    page.get_by_label(tr("collectivité territoriale")).check()
    page.locator("#id_organisations").fill("Région Bretagne\nADEME")
    fill_axis(page, 1, "Une gouvernance partagée du développement durable", "A", "1",
              ("enjeu:A", "60", "2027"))
    page.locator("#id_axis-1-rationale").fill("La concertation reste informelle.")
    page.locator("#axis-1 summary").first.click()  # the sections of the diagnosis
    page.locator("input[name='axis-1-section_codes'][value='1A']").check()
    both_widths(page, screenshot, "strategy-form", axe)

    page.get_by_role("button", name=tr("Enregistrer le brouillon")).last.click()
    expect(page.get_by_role("alert")).to_contain_text(
        tr("Une stratégie compte de %(min)s à %(max)s axes (celle-ci en a %(count)s).")
        % {"min": 2, "max": 6, "count": 1})
    assert not Strategy.objects.exists()
    screenshot("strategy-refused-1280", full_page=False)

    fill_axis(page, 2, "Des événements sobres", "B", "2", ("section:2B", "45", "2026"))
    page.get_by_role("button", name=tr("Enregistrer le brouillon")).last.click()
    expect(page.locator("h1")).to_have_text(
        tr("Stratégie de développement durable %(period)s") % {"period": "2025–2027"})
    expect(page.get_by_text(tr("Section %(code)s ≥ %(target)s %% en %(year)s") % {
        "code": "2B", "target": "45", "year": 2026})).to_be_visible()
    page.get_by_role("button", name=tr("Soumettre à la gouvernance")).click()
    expect(page.locator(".alert-success")).to_contain_text(
        tr("Stratégie soumise à la gouvernance."))
    both_widths(page, screenshot, "strategy-submitted", axe)

    page.context.clear_cookies()
    log_in(page, base, "conseil", then=f"/poles/{CLUSTER}/strategie/")
    panel = page.locator("#decision")
    expect(panel).to_contain_text(tr("Décision de la gouvernance"))
    both_widths(page, screenshot, "strategy-decision", axe)
    panel.get_by_label(tr("Commentaire de la gouvernance")).fill("Approuvée en CA du 3 mars.")
    panel.get_by_role("button", name=tr("Approuver")).click()
    expect(page.locator(".alert-success")).to_contain_text(tr("Stratégie approuvée."))
    expect(page.locator(".status-approved")).to_contain_text(tr("approuvée"))
    expect(page.get_by_text("Approuvée en CA du 3 mars.")).to_be_visible()
    both_widths(page, screenshot, "strategy-approved", axe)
    assert Strategy.objects.get().status == "approved"
