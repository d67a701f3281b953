"""A visitor reads the guide in Chromium: home, matrix, sheets, search, paths, glossary."""

import re
import subprocess

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_visitor_goes_from_the_home_page_to_a_sheet_through_the_matrix(
    site, page, screenshot, tr
):
    page.goto(site.url + "/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        tr("Le développement durable au service des pôles"))
    screenshot("home")
    page.get_by_role("navigation", name=tr("Navigation principale")).get_by_role(
        "link", name=tr("Matrice")
    ).click()
    expect(page).to_have_url(site.url + "/matrice/")
    screenshot("matrix")
    # Sheets' titles are the guide's content: French in both languages.
    page.get_by_role("link", name="Label de développement durable pour les projets de R&D").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Label de développement durable")
    expect(page.get_by_role("heading", name=tr("Cas pratique"))).to_be_visible()
    screenshot("sheet-10")


def test_the_sheet_page_leads_along_its_paths(site, page, screenshot):
    page.goto(site.url + "/fiches/1/")
    screenshot("sheet-1")
    aside = page.get_by_role("complementary")
    aside.get_by_role("link", name="7 · Participation à l'élaboration").click()
    expect(page).to_have_url(site.url + "/fiches/7/")


def test_search_ignores_accents_from_the_navigation_bar(site, page, screenshot, tr):
    page.goto(site.url + "/")
    page.get_by_label(tr("Rechercher dans les fiches, le glossaire et les retours d’expérience")
                      ).fill("ecologie industrielle")
    page.keyboard.press("Enter")
    # « N fiche(s) »: the word after the number.
    sheet = tr.plural("%(counter)s fiche", "%(counter)s fiches", 1).removeprefix("1 ")
    expect(page.get_by_role("status")).to_contain_text(sheet)
    expect(page.get_by_role("link", name="Société de codéveloppement", exact=False)).to_be_visible()
    screenshot("search")


def test_filters_work_with_the_keyboard_alone(site, page, tr):
    page.goto(site.url + "/fiches/")
    page.get_by_label(tr("Enjeu")).select_option("D")
    page.get_by_label(tr("Niveau")).select_option("2")
    page.get_by_label(tr("Niveau")).focus()
    # Levier, Secteur, Maturité, then the submit button.
    for _ in range(4):
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text(
        tr.plural("%(counter)s fiche", "%(counter)s fiches", 3))


def test_the_skip_link_is_the_first_stop_of_the_keyboard(site, page, tr):
    page.goto(site.url + "/matrice/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert tr("Aller au contenu") in focused


def test_a_path_shows_its_options_side_by_side(site, page, screenshot, tr):
    page.goto(site.url + "/parcours/rh/")
    options = tr.plural("%(counter)s option au choix", "%(counter)s options au choix", 3)
    expect(page.get_by_text(options).first).to_be_visible()
    screenshot("path-rh")
    page.goto(site.url + "/parcours/")
    screenshot("paths")


def test_the_glossary_leads_to_sheets(site, page, screenshot):
    page.goto(site.url + "/glossaire/")
    screenshot("glossary")
    page.get_by_role("link", name="Biodiversité", exact=True).click()  # a term: content
    screenshot("glossary-term")
    page.get_by_role("link", name="Etablissement d'une convention", exact=False).first.click()
    expect(page).to_have_url(site.url + "/fiches/13/")


def test_the_approach_page_and_a_phone_sized_screen(site, page, screenshot, tr):
    page.goto(site.url + "/demarche/")
    screenshot("approach")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site.url + "/matrice/")
    screenshot("matrix-phone")
    page.get_by_role("button", name=tr("Afficher le menu")).click()
    expect(page.get_by_role("link", name=tr("Glossaire"))).to_be_visible()


def test_every_sheet_prints_on_two_a4_pages_like_the_guide(site, page, tmp_path):
    page.emulate_media(media="print")
    pages = {}
    for slug in ["agenda-21", *map(str, range(1, 37))]:
        page.goto(f"{site.url}/fiches/{slug}/")
        pdf = tmp_path / f"sheet-{slug}.pdf"
        page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
        pages[slug] = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE).group(1))
    assert {slug: count for slug, count in pages.items() if count != 2} == {}
