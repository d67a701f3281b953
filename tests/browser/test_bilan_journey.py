"""The guide's fifth link, in plain sight: the board publishes the bilan of a validated year
(2024 of the demo) with a word of its own; a visitor without an account finds it in the list of
public bilans, reads it and its PDF; the board withdraws it and its address answers 410. Each
page looked at on a wide screen and on a phone, checked by axe-core."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from bilans.models import Bilan
from clusters.models import Cluster
from plans.services import action_create
from strategy.models import Strategy
from strategy.rules import AxisInput, ObjectiveInput
from strategy.services import strategy_approve, strategy_save, strategy_submit
from tests.browser.conftest import log_in
from tests.browser.test_strategy_journey import both_widths

pytestmark = pytest.mark.browser
CLUSTER = "pole-littoral-durable"
PUBLIC = f"/bilans/{CLUSTER}/2024/"


def approved_strategy_and_a_done_action():
    """What the bilan shows beside the notes: a strategy for 2024–2026, approved, in place of
    the demo's (2025–2027, which does not cover 2024), and an action done a month before today
    (the demo's years are validated today)."""
    people = get_user_model().objects
    team, board = people.get(username="equipe"), people.get(username="conseil")
    cluster = Cluster.objects.get(slug=CLUSTER)
    Strategy.objects.filter(cluster=cluster).delete()
    strategy = strategy_save(
        cluster=cluster, by=team, start_year=2024, end_year=2026, responsible=board,
        stakeholders=["company"], axes=[
            AxisInput(title="Une gouvernance partagée", enjeux=["A"], levels=[1, 2],
                      objectives=[ObjectiveInput("enjeu:A", "50", "2026")]),
            AxisInput(title="Des événements sobres", enjeux=["B"], levels=[2],
                      objectives=[ObjectiveInput("section:2B", "40", "2026")])])
    strategy_submit(strategy=strategy, by=team)
    strategy_approve(strategy=strategy, by=board)
    action_create(cluster=cluster, by=team, title="Charte des événements éco-conçus",
                  sheets=["12"], status="done",
                  done_on=timezone.localdate() - timedelta(days=30), owner_name="Jeanne Dupont",
                  notes="Note interne.")


def test_the_board_publishes_a_bilan_the_public_reads_then_it_is_withdrawn(
        demo_site, page, screenshot, tr, axe, ui_language):
    base = demo_site.url
    approved_strategy_and_a_done_action()
    log_in(page, base, "conseil", then=f"/poles/{CLUSTER}/2024/resultats/")
    page.get_by_role("link", name=tr("Bilan public"), exact=True).click()
    expect(page.locator("h1")).to_have_text(tr("Bilan public %(year)s") % {"year": 2024})
    expect(page.get_by_text(tr("Ce bilan n'a jamais été publié."))).to_be_visible()
    both_widths(page, screenshot, "bilan-manage", axe)
    page.get_by_label(tr("Ce que la gouvernance choisit d'ajouter")).fill(
        "Le conseil remercie les **membres** du pôle.\nRendez-vous en 2025.")
    page.get_by_role("button", name=tr("Publier le bilan")).click()
    expect(page.locator(".alert-success")).to_contain_text(tr("Bilan publié."))
    expect(page.locator("#public-link")).to_have_text(PUBLIC)
    both_widths(page, screenshot, "bilan-published", axe)

    page.context.clear_cookies()  # a visitor without an account
    page.goto(base + "/")
    page.get_by_role("link", name=tr("Bilans", "navigation"), exact=True).click()
    expect(page.locator("h1")).to_have_text(tr("Bilans publics des pôles"))
    both_widths(page, screenshot, "bilan-list", axe)
    page.get_by_role("link", name="Pôle Littoral Durable").click()
    expect(page).to_have_url(base + PUBLIC)
    expect(page.locator(".board-text strong")).to_have_text("membres")
    expect(page.locator("#radar-global .main-svg").first).to_be_attached()
    expect(page.get_by_text("Charte des événements éco-conçus")).to_be_visible()
    expect(page.locator("#axes-title")).to_be_visible()
    assert "Jeanne Dupont" not in page.content() and "Note interne" not in page.content()
    both_widths(page, screenshot, "bilan-public", axe)
    pdf = page.request.get(base + PUBLIC + "bilan.pdf")
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    (screenshot("bilan-public-1280").parent / "bilan.pdf").write_bytes(pdf.body())

    log_in(page, base, "conseil", then=f"/poles/{CLUSTER}/2024/bilan/")
    page.get_by_role("button", name=tr("Retirer la publication")).click()
    expect(page.locator(".alert-success")).to_contain_text(tr("Bilan retiré de la publication."))
    assert not Bilan.objects.get().published
    page.context.clear_cookies()
    response = page.goto(base + PUBLIC)
    assert response.status == 410
    expect(page.locator("h1")).to_have_text(tr("Ce bilan n'est plus publié"))
    both_widths(page, screenshot, "bilan-gone", axe)
    assert page.request.get(base + PUBLIC + "bilan.pdf").status == 410
