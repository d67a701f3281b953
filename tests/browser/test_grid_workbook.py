"""The grid as a workbook: the notes follow each saved answer, the sections say what is left,
and the compact display (remembered per person) reads as the workbook's table."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GRID = "/poles/pole-littoral-durable/2025/grille/"
RESULTS = "/poles/pole-littoral-durable/2025/resultats/"


def global_note(page) -> str:
    return page.locator(".grid-aside [data-note=global]").inner_text()


def test_the_notes_follow_each_saved_answer_as_the_results_page_computes_them(
    demo_site, page, screenshot, tr
):
    base = demo_site.url
    log_in(page, base, "equipe")
    page.goto(base + GRID)
    before = global_note(page)
    fieldset = page.locator("#q-2C-1")
    fieldset.get_by_label(re.compile("^--")).check()
    expect(fieldset.locator(".save-status")).to_have_text(tr("✓ Enregistré"))
    expect(page.locator(".grid-aside [data-note=global]")).not_to_have_text(before)
    after = global_note(page)
    live = tr("Note globale : %(note)s.") % {"note": after}
    expect(page.locator("#notes-live")).to_have_text(live)
    axis_c = page.locator("[data-axis=C]").inner_text()

    page.goto(base + RESULTS)
    expect(page.get_by_text(after).first).to_be_visible()
    expect(page.get_by_text(axis_c).first).to_be_visible()

    page.goto(base + GRID)
    page.get_by_role("link", name=re.compile("^2C")).click()
    expect(page).to_have_url(re.compile("#section-2C$"))
    # In the bar's menu and in the side panel.
    expect(page.locator("[data-count='2C']")).to_have_text(["12", "12"])
    screenshot("grid-notes", full_page=False)


def test_the_compact_display_is_a_few_screens_and_stays_chosen(demo_site, page, screenshot, tr):
    base = demo_site.url
    log_in(page, base, "equipe")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base + GRID)
    detailed = page.evaluate("document.body.scrollHeight")
    page.get_by_role("button", name=tr("Affichage compact")).click()
    expect(page.get_by_role("button", name=tr("Affichage détaillé"))).to_be_visible()
    compact = page.evaluate("document.body.scrollHeight")
    assert compact < detailed / 2.5, (compact, detailed)
    assert compact < 7 * 900
    # Each answer keeps its full label for screen readers; the keyboard still answers.
    strongly_agree = tr(
        "Tout à fait d'accord, le pôle a formellement effectué une action de ce type")
    answer = page.locator("#q-1A-1").get_by_label(f"++ {strongly_agree}", exact=False)
    answer.focus()
    page.keyboard.press("ArrowDown")
    expect(page.locator("#q-1A-1 .save-status")).to_have_text(tr("✓ Enregistré"))
    screenshot("grid-compact-1280", full_page=False)
    page.set_viewport_size({"width": 390, "height": 844})
    # On a phone the note stays in view at the top while the person scrolls the form.
    page.mouse.wheel(0, 3000)
    mobile_note = page.locator(".grid-bar [data-note=global]")
    expect(mobile_note).to_be_in_viewport()
    expect(mobile_note).to_have_text(global_note(page))
    screenshot("grid-compact-390", full_page=False)

    page.context.clear_cookies()
    log_in(page, base, "equipe")
    page.goto(base + GRID)
    expect(page.get_by_role("button", name=tr("Affichage détaillé"))).to_be_visible()
