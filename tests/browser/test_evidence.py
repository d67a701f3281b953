"""Evidence on a phone, in both languages (issue #23): an editor attaches a PDF and a link to an
answer, sees them beside it on the grid, downloads the file, and finds both in the PDF report's
annex. Screenshots at 390 and 1280 px of the evidence page and of the grid's row."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect
from weasyprint import HTML

from tests.browser.conftest import log_in
from tests.reports import pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLUG, YEAR, CODE = "pole-littoral-durable", 2025, "S-1"
SHOTS = settings.BASE_DIR / "artifacts" / "screenshots" / "evidence"


def test_an_editor_attaches_a_pdf_and_a_link_and_finds_them_in_the_report(
    demo_site, page, tr, axe, ui_language, tmp_path,
):
    SHOTS.mkdir(parents=True, exist_ok=True)
    evidence_pdf = tmp_path / "bilan-rse-2025.pdf"
    evidence_pdf.write_bytes(HTML(string="<p>Bilan RSE du pôle</p>").write_pdf())
    base = demo_site.url
    log_in(page, base, "equipe")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + reverse("grid:grid", args=[SLUG, YEAR]))
    row = page.locator(f"#q-{CODE}")
    row.get_by_role("link", name=f"{tr('Joindre une pièce justificative')} ({CODE})").click()
    expect(page.locator("h1")).to_have_text(
        tr("Pièces justificatives de la question %(code)s") % {"code": CODE})

    attach = page.locator("section", has=page.get_by_role("heading", name=tr("Joindre un fichier")))
    attach.get_by_label(tr("Libellé")).fill("Bilan RSE 2025")
    attach.get_by_label(tr("Fichier")).set_input_files(str(evidence_pdf))
    attach.get_by_role("button", name=tr("Joindre le fichier")).click()
    expect(page.get_by_text(tr("Pièce ajoutée : « %(label)s ».") % {"label": "Bilan RSE 2025"})
           ).to_be_visible()

    link = page.locator("section", has=page.get_by_role("heading", name=tr("Ajouter un lien")))
    link.get_by_label(tr("Libellé")).fill("Charte en ligne")
    link.get_by_label(tr("Adresse (http:// ou https://)")).fill("https://charte.example.org/rse")
    link.get_by_role("button", name=tr("Ajouter le lien")).click()
    expect(page.get_by_role("link", name="Charte en ligne")).to_be_visible()
    expect(page.get_by_text(tr("lien vers %(host)s") % {"host": "charte.example.org"})
           ).to_be_visible()
    assert axe() == []
    page.screenshot(path=str(SHOTS / f"evidence-page-390-{ui_language}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(SHOTS / f"evidence-page-1280-{ui_language}.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})

    page.get_by_role("link", name=tr("Retour à la grille")).click()
    row = page.locator(f"#q-{CODE}")
    expect(row.get_by_role("link", name="Bilan RSE 2025")).to_be_visible()
    expect(row.get_by_text(re.compile(r"bilan-rse-2025\.pdf"))).to_be_visible()
    expect(row.get_by_role("link", name="Charte en ligne")).to_have_attribute(
        "href", "https://charte.example.org/rse")
    row.scroll_into_view_if_needed()
    row.screenshot(path=str(SHOTS / f"grid-row-390-{ui_language}.png"))
    with page.expect_download() as download:
        row.get_by_role("link", name="Bilan RSE 2025").click()
    assert download.value.suggested_filename == "bilan-rse-2025.pdf"
    assert open(download.value.path(), "rb").read() == evidence_pdf.read_bytes()
    page.set_viewport_size({"width": 1280, "height": 900})
    row.screenshot(path=str(SHOTS / f"grid-row-1280-{ui_language}.png"))

    languages = page.evaluate("navigator.languages.join(',')")
    report = page.request.get(base + reverse("reports:report", args=[SLUG, YEAR]),
                              headers={"Accept-Language": languages})
    assert report.headers["content-type"] == "application/pdf"
    (SHOTS / f"report-{ui_language}.pdf").write_bytes(report.body())
    text = " ".join(" ".join(pdf.page_texts(report.body())).split())
    assert (f"{tr('Pièces justificatives :')} Bilan RSE 2025 ("
            + tr("fichier %(name)s, %(size)s") % {"name": "bilan-rse-2025.pdf", "size": ""}
            ) in text
    assert "Charte en ligne (" + tr("lien vers %(host)s") % {"host": "charte.example.org"} in text

    # The compact display counts them on the row's « Détails », which lists them (a compact row
    # stays one line).
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + reverse("grid:grid", args=[SLUG, YEAR]))
    page.get_by_role("button", name=tr("Affichage compact")).click()
    row = page.locator(f"#q-{CODE}")
    details = row.locator("summary").first
    expect(details).to_contain_text(tr.plural("%(counter)s pièce", "%(counter)s pièces", 2))
    details.click()
    expect(row.get_by_role("link", name="Charte en ligne")).to_be_visible()
    row.scroll_into_view_if_needed()
    row.screenshot(path=str(SHOTS / f"grid-row-compact-390-{ui_language}.png"))
