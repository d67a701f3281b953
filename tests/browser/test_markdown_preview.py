"""A content admin previews a sheet's Markdown in the admin, at 1280 and 390 px: « Aperçu » shows
the text as the sheet's page renders it, follows the typing, strips a script, and hides again."""

import pytest
from playwright.sync_api import expect

from initiatives.models import Sheet
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 390])
def test_the_preview_shows_the_sheet_as_its_page_does(page, demo_site, axe, screenshot, tr,
                                                      width):
    sheet = Sheet.objects.get(number="12")
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, demo_site.url, "admin", then=f"/admin/initiatives/sheet/{sheet.pk}/change/")
    button = page.locator("#id_principle-preview-button")
    preview = page.locator("#id_principle-preview")
    expect(preview).to_be_hidden()
    expect(button).to_have_text(tr("Aperçu"))
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(button).to_have_text(tr("Masquer l'aperçu"))
    expect(preview.locator("li").first).to_be_visible()
    typed = "**Gras** et <script>window.hacked = 1</script>\n\n- un\n- deux"
    page.locator("#id_principle").fill(typed)
    expect(preview.locator("strong")).to_have_text("Gras")
    expect(preview.locator("li")).to_have_count(2)
    expect(preview.locator("script")).to_have_count(0)
    assert page.evaluate("window.hacked") is None
    assert axe() == []
    if width == 390:
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    preview.scroll_into_view_if_needed()
    screenshot(f"admin-sheet-preview-{width}", full_page=False)
    button.click()
    expect(preview).to_be_hidden()
    expect(button).to_have_text(tr("Aperçu"))
