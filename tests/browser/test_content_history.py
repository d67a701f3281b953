"""A content admin edits one word of a sheet in the admin (the browser sends CRLF line endings):
the history lists that one field, its word diff readable at 1280 px and by screen readers."""

import pytest
from playwright.sync_api import expect

from initiatives.models import Sheet
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def test_the_history_shows_the_one_word_changed(page, demo_site, axe, screenshot, tr):
    sheet = Sheet.objects.get(number="5")
    old_word = sheet.principle.split()[1]
    page.set_viewport_size({"width": 1280, "height": 900})
    change = f"/admin/initiatives/sheet/{sheet.pk}/change/"
    log_in(page, demo_site.url, "admin", then=change)
    principle = page.locator("#id_principle")
    principle.fill(principle.input_value().replace(old_word, "RÉÉCRIT", 1))
    page.locator("input[name=_continue]").click()
    page.goto(f"{demo_site.url}/admin/initiatives/sheet/{sheet.pk}/history/")
    latest = page.locator("#change-history tbody tr").first
    expect(latest.locator("del")).to_have_text(f"{tr('retiré :')} {old_word}")
    expect(latest.locator("ins")).to_have_text(f"{tr('ajouté :')} RÉÉCRIT")
    expect(latest.locator("li")).to_have_count(1)
    assert axe() == []
    screenshot("admin-sheet-history")
