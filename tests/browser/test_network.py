"""The network coordinator's journey: the network's year, a region, the CSV export, and what
the anonymity rule hides (« moins de 5 pôles : non affiché », hidden options, « < 5 » cells), at
1280 and 390 px."""

import csv
import io
import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser
HIDDEN = "moins de 5 pôles : non affiché"  # a msgid: tr(HIDDEN) in the page's language


def counted_out_of(tr, total: int) -> str:
    """« pôles comptés sur 25 pôles du réseau. »: the count of clusters shown, after its number
    (several clusters: the plural)."""
    one, several = ("%(size)s pôle compté sur %(total)s pôles du réseau.",
                    "%(size)s pôles comptés sur %(total)s pôles du réseau.")
    with translation.override(tr.language):
        text = translation.ngettext(one, several, 5)  # the counted word alone, without a number
    return text.split("%(size)s", 1)[1].strip() % {"total": total}


def test_the_coordinator_reads_the_network_filters_and_exports(
    demo_site, page, axe, screenshot, tr, ui_language
):
    base = demo_site.url
    hidden = tr(HIDDEN)
    log_in(page, base, "reseau")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("link", name="Réseau démo des pôles").click()  # the network's name
    expect(page.get_by_role("heading", name="Réseau démo des pôles · 2025")).to_be_visible()
    expect(page.get_by_text(counted_out_of(tr, 25))).to_be_visible()
    expect(page.locator("#chart-notes .main-svg").first).to_be_visible()  # Plotly drew
    expect(page.locator(".heatmap")).to_be_visible()
    # A hidden cell says « < 5 » (or « masqué », its whole row), explained once by the legend.
    expect(page.locator(".heatmap .heat-hidden").first).to_have_text(
        re.compile(rf"^(< 5|{re.escape(tr('masqué'))})$"))
    expect(page.locator("[data-heatmap-legend]")).to_contain_text(tr("< 5"))
    assert "Pôle Littoral Durable" not in page.content()  # no cluster's name
    assert axe() == []
    screenshot("network-1280")

    # Each option says what choosing it shows: its clusters, or disabled, hidden, and why.
    region = page.get_by_label(tr("Région")).locator('option[value="PDL"]')
    expect(region).to_be_disabled()
    expect(region).to_have_text(tr(
        "%(option)s (masqué : moins de 5 pôles, ou trop proche d'un autre groupe)")
        % {"option": tr("Pays de la Loire")})
    kinds = page.get_by_label(tr("Type de pôle"))
    expect(kinds.locator('option[value="pole"]')).to_be_enabled()
    kinds.select_option("pole")
    page.get_by_role("button", name=tr("Afficher")).click()
    expect(page).to_have_url(re.compile(r"type=pole"))
    expect(page.get_by_text(counted_out_of(tr, 25))).to_be_visible()
    count = page.locator("[data-counted]").inner_text().split()[0]
    expect(kinds.locator('option[value="pole"]')).to_contain_text(f"({count} ")

    # A hidden segment asked for by its address: the page's own « moins de 5 pôles ».
    page.goto(base + "/reseau/reseau-demo/?region=PDL")
    expect(page.locator(".hidden-group")).to_have_text(hidden)
    expect(page.get_by_text(tr("Distribution des notes"))).to_have_count(0)
    with page.expect_download() as download:
        page.get_by_role("link", name=tr("Export CSV")).click()
    text = download.value.path().read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";" if ui_language == "fr" else ","))
    assert any(hidden in row for row in rows)
    assert not any(tr("Note globale") in row for row in rows)
    assert axe() == []
    screenshot("network-region-1280")

    # Two criteria at once would describe groups too small: refused with a message.
    page.get_by_label(tr("Type de pôle")).select_option("pole")
    page.get_by_role("button", name=tr("Afficher")).click()
    expect(page.get_by_role("alert")).to_contain_text(
        tr("Ces filtres ne sont pas valables ; corrigez-les :"))
    page.get_by_text(tr("Comment ces chiffres protègent chaque pôle")).click()
    expect(page.locator(".network-method li").first).to_be_visible()
    assert axe() == []
    screenshot("network-crossed-1280")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + "/reseau/reseau-demo/")
    expect(page.locator("#chart-notes .main-svg").first).to_be_visible()
    assert axe() == []
    screenshot("network-390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
