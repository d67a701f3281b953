"""A board member downloads the year's PDF report and the workbook from the results page."""

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.reports import pdf

pytestmark = pytest.mark.browser


def test_the_board_downloads_the_report_and_the_workbook(demo_site, page, screenshot):
    log_in(page, demo_site.url, "conseil")
    page.get_by_role("link", name="Pôle Littoral Durable").click()
    page.get_by_role("link", name="Résultats 2024").click()
    report_link = page.get_by_role("link", name="Rapport PDF")
    expect(report_link).to_be_visible()
    screenshot("results-downloads", full_page=False)

    # The link opens inline; fetch it with the page's session, as the browser does.
    response = page.request.get(demo_site.url + report_link.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    first = pdf.page_texts(response.body())[0]
    assert "Pôle Littoral Durable" in first and "2024" in first

    with page.expect_download() as download:
        page.get_by_role("link", name="Export XLSX").click()
    assert download.value.suggested_filename == "pole-littoral-durable-2024.xlsx"
    workbook = load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))
    assert workbook.sheetnames == ["Grille d'autoévaluation", "Résultats", "Plan d'actions"]
