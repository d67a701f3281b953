"""Staff fill a year's grid with the keyboard; the board validates it and reads the radars."""

import pytest
from playwright.sync_api import expect

from grid.models import Assessment, Campaign, GridVersion
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser
YEAR = 2026


@pytest.fixture
def next_year(demo_site):
    """A campaign the demo has not started yet."""
    Campaign.objects.create(year=YEAR, version=GridVersion.objects.get(code="cgdd-2012"))
    return demo_site


def tab_to_next_answer(page, previous_group):
    """Press Tab until the focus reaches the radio group of another question (past the row's
    « Confier », its links, its comment and its evidence)."""
    for _ in range(20):
        page.keyboard.press("Tab")
        focused = page.evaluate("[document.activeElement.type, document.activeElement.name]")
        if focused[0] == "radio" and focused[1] != previous_group:
            return focused[1]
    raise AssertionError(f"no radio group after {previous_group}")


def test_staff_fill_the_grid_with_the_keyboard_and_the_board_validates(
    next_year, page, screenshot, tr
):
    base = next_year.url
    log_in(page, base, "equipe")
    page.get_by_role("link", name="Pôle Littoral Durable").click()
    page.locator("#id_year").select_option(str(YEAR))
    page.get_by_role("checkbox", name=tr("Reprendre les réponses de l'année précédente")).uncheck()
    page.get_by_role("button", name=tr("Ouvrir la grille")).click()
    heading = tr("Grille d'autoévaluation %(year)s") % {"year": YEAR}
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    expect(page.locator("#answered")).to_have_text("0")

    page.locator("#q-S-1 summary").first.focus()  # « Confier », the row's first stop
    group, answered = None, 0
    while answered < 41:
        group = tab_to_next_answer(page, group)
        if group.startswith("autre-"):
            continue  # the optional « autre action » rows stay empty
        # Space picks « ++ »; one arrow down moves to « + » (the choice varies the notes).
        page.keyboard.press("ArrowDown" if answered % 3 == 2 else "Space")
        answered += 1
    expect(page.locator("#answered")).to_have_text("41", timeout=15000)
    saved = page.locator("fieldset[data-kind=question] .save-status", has_text=tr("✓ Enregistré"))
    expect(saved).to_have_count(41, timeout=15000)
    screenshot("grid-filled", full_page=False)

    page.reload()
    expect(page.locator("#answered")).to_have_text("41")
    expect(page.locator("#q-S-1 input[value='++']")).to_be_checked()
    expect(page.locator("#q-S-3 input[value='+']")).to_be_checked()

    page.get_by_role("button", name=tr("Soumettre la grille")).click()
    expect(page.get_by_text(tr("Autoévaluation soumise."))).to_be_visible()

    page.get_by_role("button", name="equipe").click()
    page.get_by_role("button", name=tr("Se déconnecter")).click()
    log_in(page, base, "conseil")
    page.goto(f"{base}/poles/pole-littoral-durable/{YEAR}/resultats/")
    page.get_by_label(tr("Commentaire")).fill("Vu en conseil.")
    page.get_by_role("button", name=tr("Valider"), exact=True).click()
    expect(page.get_by_text(tr("Autoévaluation validée."))).to_be_visible()
    expect(page.locator("#radar-global .main-svg").first).to_be_visible()
    expect(page.locator("#radar-level1 .main-svg").first).to_be_visible()
    expect(page.locator("#radar-level2 .main-svg").first).to_be_visible()
    screenshot("results-validated")
    assessment = Assessment.objects.get(campaign__year=YEAR, cluster__slug="pole-littoral-durable")
    assert assessment.status == "validated"
    assert assessment.scores["completion"] == 1


def test_the_cluster_page_shows_years_and_trend(demo_site, page, screenshot, tr):
    log_in(page, demo_site.url, "conseil")
    page.goto(demo_site.url + "/poles/pole-littoral-durable/")
    expect(page.get_by_role("cell", name=tr("validée")).first).to_be_visible()
    trend = page.get_by_role("img", name=tr("Évolution de la note globale"), exact=False)
    expect(trend).to_be_visible()
    screenshot("cluster")
