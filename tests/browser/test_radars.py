"""The radars read at 1280 and 390 px (issue #23): axes named, value labels clear of the scale
and of the axis titles, nothing cut off; while simulating, the saved shape stays faintly behind
the simulated one. Screenshots: /work/notes/shots/levels-radars/ beside artifacts/."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser
RESULTS = "/poles/pole-littoral-durable/2025/resultats/"  # the demo's draft year
EVOLUTION = "/poles/pole-littoral-durable/evolution/"
SHOTS = Path("/work/notes/shots/levels-radars")
WIDTHS = (1280, 390)
RADARS = ("radar-global", "radar-level1", "radar-level2")

# The boxes of a radar's texts as drawn: the values beside the points, the radial scale's
# labels, the axis titles; and the chart's own box.
BOXES = """(id) => {
  const chart = document.getElementById(id);
  const box = (node) => {
    const r = node.getBoundingClientRect();
    return { l: r.left, t: r.top, r: r.right, b: r.bottom, text: node.textContent };
  };
  const all = (selector) => Array.from(chart.querySelectorAll(selector)).map(box)
    .filter((b) => b.r > b.l && b.text.trim());
  return { chart: box(chart), values: all(".scatterlayer .textpoint text"),
           ticks: all(".radial-axis .xtick text"), axes: all(".angular-axis .angularaxistick text"),
           traces: chart.data.map((trace) => trace.name) };
}"""


def overlap(a, b) -> bool:
    return a["l"] < b["r"] and b["l"] < a["r"] and a["t"] < b["b"] and b["t"] < a["b"]


def check_legible(page, chart_id, values: int) -> dict:
    boxes = page.evaluate(BOXES, chart_id)
    assert len(boxes["values"]) == values, boxes["values"]
    # Four rings, two labelled (50 and 100 %).
    assert len(boxes["axes"]) == 4 and len(boxes["ticks"]) == 2
    clashes = [(value["text"], other["text"]) for value in boxes["values"]
               for other in boxes["ticks"] + boxes["axes"] if overlap(value, other)]
    assert clashes == [], (chart_id, clashes)
    chart = boxes["chart"]
    for title in boxes["axes"]:  # nothing cut off at the chart's edges
        assert chart["l"] <= title["l"] and title["r"] <= chart["r"], (chart_id, title)
    return boxes


def shot(page, name, ui_language, locator=None):
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}-{ui_language}.png"
    if locator is None:
        page.screenshot(path=str(path), full_page=False)
    else:
        locator.screenshot(path=str(path))


def wait_drawn(page):
    for chart_id in RADARS:
        expect(page.locator(f"#{chart_id} .main-svg").first).to_be_visible()
    page.wait_for_timeout(300)  # Plotly's responsive redraw after a resize


def test_the_radars_name_their_axes_and_keep_values_clear_of_the_scale(
    demo_site, page, axe, tr, ui_language
):
    log_in(page, demo_site.url, "equipe")
    page.goto(demo_site.url + RESULTS)
    radars = page.locator("#radar-global").locator("xpath=../..")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        wait_drawn(page)
        for chart_id in RADARS:
            boxes = check_legible(page, chart_id, 4)
            titles = " ".join(title["text"] for title in boxes["axes"])
            assert "Gouvernance" in titles and "Environnement" in titles, titles
            assert boxes["traces"] == [""]
        shot(page, f"results-radars-{width}", ui_language, radars)
    assert axe() == []
    # The tables under the charts, their text alternative: each axis named, its level by name.
    table = page.locator("#radar-global").locator("xpath=..").locator("table")
    expect(table.locator("tbody tr")).to_have_count(4)
    expect(table.locator("tbody th").first).to_have_text("A · Gouvernance")
    expect(table.locator("[data-radar-level]").first).to_have_text(
        re.compile(tr("Intermédiaire") + "|" + tr("Débutant") + "|" + tr("Confirmé")))

    page.get_by_role("button", name=tr("Simuler")).click()
    panel = page.get_by_role("dialog", name=tr("Simuler"))
    panel.get_by_label(re.compile(r"^S-1 ")).select_option("++")
    panel.get_by_label(re.compile(r"^1A-1 ")).select_option("++")
    expect(page.locator("#simulation-banner")).to_be_visible()
    expect(page.locator("#radar-global .scatterlayer .trace")).to_have_count(2)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        wait_drawn(page)
        for chart_id in RADARS:
            # The saved shape first (behind), muted, then the simulated one with its values.
            boxes = check_legible(page, chart_id, 4)
            assert boxes["traces"] == [tr("enregistré"), tr("simulé")]
            expect(page.locator(f"#{chart_id} .legendtext")).to_have_text(
                [tr("enregistré"), tr("simulé")])
        shot(page, f"simulation-{width}", ui_language)
        shot(page, f"simulation-radars-{width}", ui_language, radars)
    assert axe() == []

    panel.get_by_role("button", name=tr("Revenir aux réponses enregistrées")).click()
    expect(page.locator("#radar-global .scatterlayer .trace")).to_have_count(1)
    expect(page.locator("#radar-global .legendtext")).to_have_count(0)


def test_the_year_over_year_radars_name_their_axes(demo_site, page, axe, ui_language):
    log_in(page, demo_site.url, "conseil")
    page.goto(demo_site.url + EVOLUTION)
    radars = page.locator("#radars-title").locator("xpath=..")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        wait_drawn(page)
        for chart_id in RADARS:
            boxes = check_legible(page, chart_id, 0)  # values in the tables and hover boxes
            assert sorted(boxes["traces"]) == ["2023", "2024", "2025"]
        shot(page, f"evolution-radars-{width}", ui_language, radars)
    assert axe() == []


def test_the_network_page_at_both_widths(demo_site, page, axe, ui_language):
    # No level on this page: looked at for the heatmap and tables beside the other pages.
    log_in(page, demo_site.url, "reseau", then="/reseau/reseau-demo/")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(200)
        shot(page, f"network-{width}", ui_language)
    assert axe() == []
