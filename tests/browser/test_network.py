"""The network coordinator's journey: the network's year, a region, the CSV export, and what
the anonymity rule hides (« moins de 5 pôles : non affiché »), at 1280 and 390 px."""

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser
HIDDEN = "moins de 5 pôles : non affiché"


def test_the_coordinator_reads_the_network_filters_and_exports(demo_site, page, axe, screenshot):
    base = demo_site.url
    log_in(page, base, "reseau")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("link", name="Réseau démo des pôles").click()
    expect(page.get_by_role("heading", name="Réseau démo des pôles · 2025")).to_be_visible()
    expect(page.get_by_text("pôles comptés sur 13 pôles du réseau")).to_be_visible()
    expect(page.locator("#chart-notes .main-svg").first).to_be_visible()  # Plotly drew
    expect(page.locator(".heatmap")).to_be_visible()
    expect(page.locator(".heatmap .heat-hidden").first).to_have_text(HIDDEN)
    assert "Pôle Littoral Durable" not in page.content()  # no cluster's name
    assert axe() == []
    screenshot("network-1280")

    page.get_by_label("Région").select_option(label="Pays de la Loire")
    page.get_by_role("button", name="Afficher").click()
    expect(page).to_have_url(re.compile(r"region=PDL"))
    expect(page.locator(".hidden-group")).to_have_text(HIDDEN)
    expect(page.get_by_text("Distribution des notes")).to_have_count(0)
    with page.expect_download() as download:
        page.get_by_role("link", name="Export CSV").click()
    text = download.value.path().read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert any(HIDDEN in row for row in rows)
    assert not any("Note globale" in row for row in rows)
    assert axe() == []
    screenshot("network-region-1280")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + "/reseau/reseau-demo/")
    expect(page.locator("#chart-notes .main-svg").first).to_be_visible()
    assert axe() == []
    screenshot("network-390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
