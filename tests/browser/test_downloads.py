"""A board member downloads the year's PDF report and the workbook from the results page."""

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.reports import pdf

pytestmark = pytest.mark.browser


def test_the_board_downloads_the_report_and_the_workbook(demo_site, page, screenshot, tr):
    log_in(page, demo_site.url, "conseil")
    page.get_by_role("link", name="Pôle Littoral Durable").click()
    # « Résultats » and, for screen readers, the year.
    page.get_by_role("link", name=f"{tr('Résultats')} 2024").click()
    report_link = page.get_by_role("link", name=tr("Rapport PDF"))
    expect(report_link).to_be_visible()
    screenshot("results-downloads", full_page=False)

    # The link opens inline; fetch it with the page's session and languages, as the browser does
    # (the request context shares the cookies, not the locale's Accept-Language).
    languages = page.evaluate("navigator.languages.join(',')")
    response = page.request.get(demo_site.url + report_link.get_attribute("href"),
                                headers={"Accept-Language": languages})
    assert response.headers["content-type"] == "application/pdf"
    first = pdf.page_texts(response.body())[0]
    assert "Pôle Littoral Durable" in first and "2024" in first
    # The report speaks the page's language (its figures' headings are in capitals).
    assert tr("Note globale").upper() in first and tr("Complétude").upper() in first

    with page.expect_download() as download:
        page.get_by_role("link", name=tr("Export XLSX")).click()
    assert download.value.suggested_filename == "pole-littoral-durable-2024.xlsx"
    workbook = load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))
    # The tabs keep the guide's French names (DESIGN.md); the cells are in the page's language.
    assert workbook.sheetnames == ["Grille d'autoévaluation", "Résultats", "Plan d'actions"]
    grid = workbook["Grille d'autoévaluation"]
    assert grid.cell(1, 1).value == tr("%(cluster)s · %(year)s · grille %(grid)s") % {
        "cluster": "Pôle Littoral Durable", "year": 2024, "grid": "cgdd-2012"}
    assert [cell.value for cell in grid[2]] == [
        tr("Code"), tr("Affirmation"), tr("Barème"), tr("Réponse"), tr("Points"),
        tr("Commentaire"), tr("Origine"),
    ]
