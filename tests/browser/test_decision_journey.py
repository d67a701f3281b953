"""The yearly decision in plain sight: the board returns a submitted year from the panel at the
top of its results (an empty comment refused on the field, a refused text kept), the team reads
the comment at the top of its grid and submits again, the board validates. Then the pages of a
year with no answer and of a wrong address, each looked at on a wide screen and on a phone."""

import pytest
from playwright.sync_api import expect

from grid import services
from grid.models import Assessment, Campaign, GridVersion
from tests.browser.conftest import log_in
from tests.fixtures import fill

pytestmark = pytest.mark.browser
CLUSTER = "pole-littoral-durable"
YEAR = 2025
EMPTY_YEAR = 2026
WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
COMMENT = "Justifiez 2B-3 : le pôle a-t-il vraiment un site industriel ?"


@pytest.fixture
def submitted_year(demo_site):
    """The demo's 2025, completed and submitted by `equipe`; 2026 opened with no answer."""
    assessment = Assessment.objects.get(cluster__slug=CLUSTER, campaign__year=YEAR)
    editor = assessment.transitions.get().by
    blanks = list(assessment.answers.filter(value="").values_list("question__code", flat=True))
    fill(assessment, editor, "+", codes=blanks)
    services.assessment_submit(assessment=assessment, by=editor)
    Campaign.objects.create(year=EMPTY_YEAR, version=GridVersion.objects.get(code="cgdd-2012"))
    services.assessment_start(cluster=assessment.cluster, year=EMPTY_YEAR, by=editor,
                              prefill=False)
    return demo_site


def log_out(page, tr, username):
    page.get_by_role("button", name=username).click()
    page.get_by_role("button", name=tr("Se déconnecter")).click()


def both_widths(page, screenshot, name, axe):
    """Screenshots at 1280 and 390 px, each width checked by axe-core."""
    for label, size in (("1280", WIDE), ("390", PHONE)):
        page.set_viewport_size(size)
        screenshot(f"{name}-{label}", full_page=False)
        assert axe() == [], (name, label)
    page.set_viewport_size(WIDE)


def test_the_board_returns_from_the_top_the_team_resubmits_the_board_validates(
    submitted_year, page, screenshot, tr, axe
):
    base = submitted_year.url
    results = f"{base}/poles/{CLUSTER}/{YEAR}/resultats/"
    page.set_viewport_size(WIDE)
    log_in(page, base, "conseil")
    page.goto(results)
    panel = page.locator("#decision")
    expect(panel.get_by_role("heading", name=tr("Décision de la gouvernance"))).to_be_in_viewport()
    both_widths(page, screenshot, "decision-panel", axe)

    comment = panel.get_by_label(tr("Commentaire"))
    panel.get_by_role("button", name=tr("Renvoyer à l'équipe")).click()
    expect(comment).to_have_attribute("aria-invalid", "true")
    refusal = tr("Dites à l'équipe ce qui est à revoir (commentaire obligatoire).")
    expect(panel.locator(".invalid-feedback")).to_have_text(refusal)
    expect(page.locator(".alert-danger")).to_have_count(0)  # nothing at the top of the page

    too_long = "\n".join(f"Ligne {n}" for n in range(21))
    comment.fill(too_long)
    panel.get_by_role("button", name=tr("Renvoyer à l'équipe")).click()
    expect(panel.locator(".invalid-feedback")).to_contain_text("20")
    expect(comment).to_have_value(too_long)  # kept as typed
    both_widths(page, screenshot, "decision-refused", axe)

    comment.fill(COMMENT)
    panel.get_by_role("button", name=tr("Renvoyer à l'équipe")).click()
    expect(page.get_by_text(tr("Renvoyée à l'équipe."))).to_be_visible()
    expect(page.locator("#decision")).to_have_count(0)
    log_out(page, tr, "conseil")

    log_in(page, base, "equipe")
    page.goto(f"{base}/poles/{CLUSTER}/")
    expect(page.locator(".returned-banner")).to_contain_text(COMMENT)
    page.locator(".returned-banner").get_by_role("link", name=tr("Revoir la grille")).click()
    banner = page.locator(".returned-banner")
    expect(banner).to_contain_text(COMMENT)
    expect(banner).to_be_in_viewport()
    both_widths(page, screenshot, "grid-returned", axe)
    page.locator("#q-2B-3 label").filter(has_text="--").click()
    expect(page.locator("#q-2B-3 .save-status")).to_have_text(tr("✓ Enregistré"))
    banner.get_by_role("button", name=tr("Soumettre à nouveau")).click()
    expect(page.get_by_text(tr("Autoévaluation soumise."))).to_be_visible()
    log_out(page, tr, "equipe")

    log_in(page, base, "conseil")
    page.goto(results)
    page.locator("#decision").get_by_label(tr("Commentaire")).fill("Vu en conseil.")
    page.locator("#decision").get_by_role("button", name=tr("Valider"), exact=True).click()
    expect(page.get_by_text(tr("Autoévaluation validée."))).to_be_visible()
    assessment = Assessment.objects.get(cluster__slug=CLUSTER, campaign__year=YEAR)
    assert assessment.status == "validated"
    assert assessment.answers.get(question__code="2B-3").value == "--"
    steps = [(s.to_status, s.comment) for s in assessment.transitions.order_by("at", "pk")]
    assert steps[-3:] == [("returned", COMMENT), ("submitted", ""), ("validated", "Vu en conseil.")]


def test_an_empty_year_and_a_wrong_address_say_what_to_do(
    submitted_year, page, screenshot, tr, settings, axe
):
    base = submitted_year.url
    page.set_viewport_size(WIDE)
    log_in(page, base, "equipe")
    page.goto(f"{base}/poles/{CLUSTER}/{EMPTY_YEAR}/resultats/")
    expect(page.get_by_role("heading", name=tr("Aucune réponse pour l'instant"))).to_be_visible()
    expect(page.locator("#global-note")).to_have_count(0)
    both_widths(page, screenshot, "results-empty", axe)

    page.goto(f"{base}/poles/{CLUSTER}/{EMPTY_YEAR}/grille/")
    missing = page.locator(".missing-questions a")
    expect(missing).to_have_count(41)
    missing.first.click()
    expect(page.locator("#q-S-1")).to_be_in_viewport()
    page.locator("#q-S-1 label").filter(has_text="++").click()
    expect(page.locator("#missing-count")).to_have_text("40")  # answered: out of the list
    expect(page.locator(".missing-questions li:not([hidden]) a")).to_have_count(40)
    expect(page.locator(".missing-questions a[href='#q-S-1']")).to_be_hidden()

    settings.DEBUG = False  # the demo's DEBUG shows Django's technical page instead
    response = page.goto(f"{base}/poles/pole-inconnu/")
    assert response.status == 404
    expect(page.get_by_role("heading", name=tr("Page introuvable"))).to_be_visible()
    expect(page.get_by_role("link", name=tr("Mes pôles")).last).to_be_visible()
    both_widths(page, screenshot, "not-found", axe)
