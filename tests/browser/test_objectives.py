"""The board reads where the strategy's objectives stand on the results and the evolution, on a
wide screen and on a phone, in both languages, checked by axe-core (issue 24)."""

import shutil
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from clusters.models import Cluster
from plans.models import Action
from strategy import services
from strategy.rules import AxisInput, ObjectiveInput
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser
CLUSTER = "pole-littoral-durable"  # the demo: 2023 and 2024 validated, 2025 a draft
WIDTHS = {"1280": {"width": 1280, "height": 900}, "390": {"width": 390, "height": 844}}
SHOTS = Path("/work/notes/shots/progress")


def approved_strategy():
    """2024–2026, drawn from 2023's diagnosis: three notes and the commuting plan's indicator."""
    users = get_user_model().objects
    editor, board = users.get(username="equipe"), users.get(username="conseil")
    commuting = Action.objects.get(title__startswith="Plan de déplacements")
    axes = [
        AxisInput(title="Sobriété des événements", enjeux=["B"], levels=[2], objectives=[
            ObjectiveInput("enjeu:B", "70", "2026"), ObjectiveInput("section:2B", "95", "2025"),
            ObjectiveInput(f"indicator:{commuting.pk}", "1200", "2026")]),
        AxisInput(title="Une gouvernance partagée", enjeux=["A"], levels=[1],
                  objectives=[ObjectiveInput("level:1", "50", "2026")]),
    ]
    strategy = services.strategy_save(cluster=Cluster.objects.get(slug=CLUSTER), by=editor,
                                      start_year=2024, end_year=2026, responsible=board,
                                      axes=axes)
    services.strategy_submit(strategy=strategy, by=editor)
    services.strategy_approve(strategy=strategy, by=board)


def looked_at(page, screenshot, name, axe, language):
    for label, size in WIDTHS.items():
        page.set_viewport_size(size)
        assert axe() == [], (name, label)
        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"], label
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.locator("#objectives").screenshot(path=str(SHOTS / f"{name}-{label}-{language}.png"))
        shutil.copy(screenshot(f"{name}-{label}"), SHOTS / f"{name}-{label}-{language}-page.png")


def test_the_board_reads_the_objectives_on_the_results_and_the_evolution(
    demo_site, page, screenshot, tr, axe, ui_language
):
    approved_strategy()
    log_in(page, demo_site.url, "conseil", then=f"/poles/{CLUSTER}/2025/resultats/")
    heading = tr("Objectifs de la stratégie %(period)s en %(year)s") % {
        "period": "2024–2026", "year": 2025}
    section = page.locator("#objectives")
    expect(section.get_by_role("heading", name=heading)).to_be_visible()
    expect(section.locator(".objective")).to_have_count(4)
    # Each status in words (the colour repeats them): the page's own, whatever they are.
    words = {tr("atteint"), tr("en bonne voie"), tr("pas de valeur cette année")}
    for status in section.locator(".objective .badge").all_inner_texts():
        assert status.lstrip("✔↗⚠– ").split(" (")[0] in words | {
            tr("en retard sur la trajectoire (attendu %(expected)s, obtenu %(value)s)")
            .split(" (")[0]}, status
    looked_at(page, screenshot, "results", axe, ui_language)
    report = page.request.get(f"{demo_site.url}/poles/{CLUSTER}/2025/rapport.pdf")
    assert report.headers["content-type"] == "application/pdf"
    (SHOTS / f"report-{ui_language}.pdf").write_bytes(report.body())

    page.goto(f"{demo_site.url}/poles/{CLUSTER}/evolution/")
    expect(page.locator("#objectives").get_by_role("heading", name=heading)).to_be_visible()
    looked_at(page, screenshot, "evolution", axe, ui_language)
