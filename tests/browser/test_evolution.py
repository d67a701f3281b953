"""A board member prepares the yearly review: the years overlaid, then what changed in between."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser
CLUSTER = "Pôle Littoral Durable"  # the demo: 2023 and 2024 validated, 2025 a draft


def test_the_board_compares_two_years_from_the_cluster_page(demo_site, page, screenshot, tr):
    log_in(page, demo_site.url, "conseil")
    page.get_by_role("link", name=CLUSTER).click()
    page.get_by_role("link", name=tr("Évolution"), exact=True).click()

    title = tr("Évolution d'une année sur l'autre")
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    for key in ("global", "level1", "level2"):
        expect(page.locator(f"#radar-{key} .main-svg").first).to_be_visible()
        # One line per year, each with its own dash and marker.
        expect(page.locator(f"#radar-{key} .scatterlayer .trace")).to_have_count(3)
    changed = tr("Réponses modifiées de %(before)s à %(after)s")
    expect(page.get_by_role("heading", name=changed % {"before": 2024, "after": 2025})
           ).to_be_visible()

    page.get_by_role("checkbox", name="2025").uncheck()
    page.get_by_label(tr("de"), exact=True).select_option("2023")
    page.get_by_label(tr("à"), exact=True).select_option("2024")
    page.get_by_role("button", name=tr("Comparer")).click()

    expect(page.get_by_role("heading", name=changed % {"before": 2023, "after": 2024})
           ).to_be_visible()
    expect(page.locator("#changed-answers tbody tr").first).to_be_visible()
    expect(page.locator("#radar-global .scatterlayer .trace")).to_have_count(2)
    expect(page.get_by_role("checkbox", name="2025")).not_to_be_checked()
    # The board's comment is content (typed in French by the demo), not interface.
    expect(page.get_by_text("Validée en conseil d'administration 2024.")).to_be_visible()
    assert "annees=2023&annees=2024&de=2023&a=2024" in page.url
    screenshot("evolution")
