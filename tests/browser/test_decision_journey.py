"""The yearly decision in plain sight, as a conversation by mail: the team submits, the board
follows its mail's link and returns the year from the panel at the top of its results (an empty
comment refused on the field, a refused text kept), the team follows its mail, reads the comment
at the top of its grid and submits again, the board validates. Then the pages of a year with no
answer and of a wrong address, each looked at on a wide screen and on a phone."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import translation
from playwright.sync_api import expect

from accounts.models import LanguagePreference
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
def completed_year(demo_site, settings, ui_language):
    """The demo's 2025 completed by `equipe`, not yet submitted; 2026 opened with no answer. The
    demo's people read their mails in the test's language, and mails link to the live server."""
    settings.SITE_URL = demo_site.url
    for user in get_user_model().objects.filter(username__in=("equipe", "conseil")):
        LanguagePreference.objects.update_or_create(user=user, defaults={"language": ui_language})
    assessment = Assessment.objects.get(cluster__slug=CLUSTER, campaign__year=YEAR)
    editor = assessment.transitions.get().by
    blanks = list(assessment.answers.filter(value="").values_list("question__code", flat=True))
    fill(assessment, editor, "+", codes=blanks)
    Campaign.objects.create(year=EMPTY_YEAR, version=GridVersion.objects.get(code="cgdd-2012"))
    services.assessment_start(cluster=assessment.cluster, year=EMPTY_YEAR, by=editor,
                              prefill=False)
    return demo_site


def mail_to(username: str, subject: str):
    """The one mail `username` received about this step, and the link it carries."""
    [sent] = [m for m in mail.outbox
              if m.to == [f"{username}@demo.example.org"] and m.subject == subject]
    return sent, re.search(r"https?://\S+/resultats/", sent.body).group(0)


def subject(tr, step: str) -> str:
    with translation.override(tr.language):
        return translation.gettext(step) % {"cluster": "Pôle Littoral Durable", "year": YEAR}


SUBMITTED = "%(cluster)s : autoévaluation %(year)s soumise à votre validation"
RETURNED = "%(cluster)s : autoévaluation %(year)s renvoyée à l'équipe"
VALIDATED = "%(cluster)s : autoévaluation %(year)s validée"


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
    completed_year, page, screenshot, tr, axe
):
    base = completed_year.url
    page.set_viewport_size(WIDE)
    log_in(page, base, "equipe", then=f"/poles/{CLUSTER}/{YEAR}/grille/")
    page.locator("#submit-title").locator("..").get_by_role(
        "button", name=tr("Soumettre la grille")).click()
    expect(page.get_by_text(tr("Autoévaluation soumise."))).to_be_visible()
    log_out(page, tr, "equipe")

    sent, link = mail_to("conseil", subject(tr, SUBMITTED))
    assert link == f"{base}/poles/{CLUSTER}/{YEAR}/resultats/"
    log_in(page, base, "conseil", then=None)
    page.goto(link)
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

    sent, link = mail_to("equipe", subject(tr, RETURNED))
    assert COMMENT in sent.body
    log_in(page, base, "equipe", then=None)
    page.goto(link)
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

    assert len([m for m in mail.outbox if m.subject == subject(tr, SUBMITTED)]) == 2
    log_in(page, base, "conseil", then=None)
    page.goto(link)
    page.locator("#decision").get_by_label(tr("Commentaire")).fill("Vu en conseil.")
    page.locator("#decision").get_by_role("button", name=tr("Valider"), exact=True).click()
    expect(page.get_by_text(tr("Autoévaluation validée."))).to_be_visible()
    assessment = Assessment.objects.get(cluster__slug=CLUSTER, campaign__year=YEAR)
    assert assessment.status == "validated"
    assert assessment.answers.get(question__code="2B-3").value == "--"
    steps = [(s.to_status, s.comment) for s in assessment.transitions.order_by("at", "pk")]
    assert steps[-3:] == [("returned", COMMENT), ("submitted", ""), ("validated", "Vu en conseil.")]
    mail_to("equipe", subject(tr, VALIDATED))


def test_an_empty_year_and_a_wrong_address_say_what_to_do(
    completed_year, page, screenshot, tr, settings, axe
):
    base = completed_year.url
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
