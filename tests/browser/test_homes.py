"""Each demo account lands on its own home after logging in and finds there what it has to do,
at 1280 and 390 px, in French and in English."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from grid import services
from grid.models import Assessment
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser
WIDE, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}
CLUSTER = "Pôle Littoral Durable"


def land_home(page, base, username, screenshot):
    log_in(page, base, username, then=None)
    assert page.url == base + "/"
    page.set_viewport_size(PHONE)
    screenshot(f"home-{username}-390")
    page.set_viewport_size(WIDE)
    screenshot(f"home-{username}-1280")


def test_the_team_lands_on_its_years_actions_and_next_step(demo_site, page, axe, tr, screenshot):
    land_home(page, demo_site.url, "equipe", screenshot)
    card = page.locator(".home-cluster", has_text=CLUSTER)
    expect(card).to_contain_text(tr("Autoévaluation %(year)s") % {"year": 2025})
    expect(card).to_contain_text(tr("brouillon"))
    expect(card.locator(".next-step")).to_be_visible()
    expect(page.locator(".due-actions li").first).to_contain_text(tr("en retard"))
    assert axe() == []
    card.get_by_role(
        "link", name=tr("Toutes les questions ont une réponse : soumettre la grille")
    ).click()
    expect(page).to_have_url(
        demo_site.url + "/poles/pole-littoral-durable/2025/grille/#submit-title"
    )


def test_the_board_lands_on_the_year_to_validate(demo_site, page, axe, tr, screenshot):
    draft = Assessment.objects.get(cluster__slug="pole-littoral-durable", campaign__year=2025)
    services.assessment_submit(assessment=draft, by=get_user_model().objects.get(username="equipe"))
    land_home(page, demo_site.url, "conseil", screenshot)
    waiting = page.locator(".to-validate li")
    expect(waiting).to_have_count(1)
    expect(waiting).to_contain_text(f"{CLUSTER} · 2025")
    expect(page.locator(".activity li").first).to_contain_text(tr("Soumise"))
    assert axe() == []
    waiting.get_by_role("link", name=tr("Examiner et décider")).click()
    expect(page).to_have_url(demo_site.url + "/poles/pole-littoral-durable/2025/resultats/")


def test_the_coordinator_lands_on_its_network(demo_site, page, axe, tr, screenshot):
    land_home(page, demo_site.url, "reseau", screenshot)
    link = page.get_by_role("link", name="Réseau démo des pôles")
    expect(link).to_contain_text(tr.plural("%(counter)s pôle", "%(counter)s pôles", 25))
    assert CLUSTER not in page.content()
    assert axe() == []
    link.click()
    expect(page).to_have_url(demo_site.url + "/reseau/reseau-demo/")


def test_the_content_admin_lands_on_the_admin_and_the_latest_changes(
    demo_site, page, axe, tr, screenshot
):
    land_home(page, demo_site.url, "admin", screenshot)
    expect(page.locator(".content-changes li")).to_have_count(10)
    assert axe() == []
    page.get_by_role("link", name=tr("Administrer les contenus")).click()
    expect(page).to_have_url(demo_site.url + "/admin/")
