"""From a recommendation to an experience that illustrates it, and on to its sheet, in Chromium;
the catalogue at desktop and phone widths."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

RESULTS = "/poles/pole-littoral-durable/2025/resultats/"  # the demo's draft year


def experiences(tr, count: int) -> str:
    """« 54 retours d'expérience », as the catalogue counts them."""
    return tr.plural("%(counter)s retour d'expérience", "%(counter)s retours d'expérience", count)


def test_from_a_recommendation_to_an_experience_and_back_to_its_sheet(
    demo_site, page, axe, screenshot, tr
):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, demo_site.url, "equipe")
    page.goto(demo_site.url + RESULTS)
    recommendations = page.locator("ol.recommendations")
    example = recommendations.locator(".example a").first
    expect(example).to_be_visible()
    expect(recommendations).to_contain_text(tr("Ils l'ont fait :"))
    screenshot("experience-1-recommendation")
    title = example.inner_text()
    example.click()

    expect(page).to_have_url(re.compile(r"/retours/[\w-]+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    source = tr("Source : %(document)s, lignes %(lines)s.").split("%(")[0].strip()
    expect(page.locator(".provenance")).to_contain_text(source)
    assert axe() == []
    screenshot("experience-2-item")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("experience-2-item-390")
    page.set_viewport_size({"width": 1280, "height": 900})

    sheet_link = page.get_by_role("complementary").locator("a.sheet-link").first
    sheet_url = sheet_link.get_attribute("href")
    sheet_link.click()
    expect(page).to_have_url(demo_site.url + sheet_url)
    illustrated = page.get_by_role("region", name=tr("Ils l'ont fait"))
    expect(illustrated.get_by_role("link", name=title)).to_be_visible()
    screenshot("experience-3-sheet")


def test_the_catalogue_filters_at_both_widths(site, page, axe, screenshot, tr):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site.url + "/retours/")
    expect(page.get_by_role("status")).to_contain_text(experiences(tr, 54))
    page.get_by_label(tr("Document source")).select_option("apec")
    page.get_by_role("button", name=tr("Appliquer")).click()
    expect(page.get_by_role("status")).to_contain_text(experiences(tr, 23))
    assert axe() == []
    screenshot("experiences-list-apec")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("experiences-list-apec-390")
    page.goto(site.url + "/retours/?region=Mars")
    expect(page.get_by_role("alert")).to_contain_text(tr(
        "Un filtre n'est pas valable : aucun retour d'expérience n'est affiché. Corrigez-le ou "
        "choisissez « Tout afficher »."))
    screenshot("experiences-list-bad-filter-390")
