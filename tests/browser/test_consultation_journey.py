"""The guide's second link, in plain sight: the team opens the stakeholders' consultation on
its 2024 grid from the year's results, with one personal link per invited address; six
stakeholders answer through their links without an account (the first one's missing category
refused, what they typed kept); a used link is refused; the board reads the stakeholders' view
beside the team's. Each page looked at on a wide screen and on a phone, checked by axe-core."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import OutgoingMail
from consultation.models import Response
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser
CLUSTER = "pole-littoral-durable"
WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
ADDRESSES = [f"partie{n}@example.org" for n in range(1, 7)]
SCALE = ("++", "+", "-", "--")
# How far from « ++ » each stakeholder sees the cluster, per enjeu (S: the strategy): they
# find it better on the environment (B) than the team does, worse on governance (A).
DISTANCE = {"S": 1, "A": 2, "B": 0, "C": 1, "D": 2}


def fitted(page):
    """Plotly redraws a radar at the window's new width a moment after the resize."""
    for _ in range(50):
        if page.evaluate("[...document.querySelectorAll('.main-svg')]"
                         ".every(svg => svg.getBoundingClientRect().width <= innerWidth)"):
            return
        page.wait_for_timeout(100)
    raise AssertionError("a chart stays wider than the window")


def both_widths(page, screenshot, name, axe):
    for label, size in (("1280", WIDE), ("390", PHONE)):
        page.set_viewport_size(size)
        fitted(page)
        screenshot(f"{name}-{label}")
        assert axe() == [], (name, label)
        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"], label
    page.set_viewport_size(WIDE)


def answer_all(page, number):
    """Every question answered through the page's own radios, as stakeholder `number` sees it."""
    names = page.locator("input[type=radio][name^='q-']").evaluate_all(
        "radios => [...new Set(radios.map(radio => radio.name))]")
    for name in names:
        section = name.removeprefix("q-").split("-")[0]
        distance = DISTANCE[section[-1]] + (number % 3 == 2)
        page.locator(f"input[name='{name}'][value='{SCALE[min(distance, 3)]}']").check()


def test_the_team_consults_six_stakeholders_and_reads_their_view(demo_site, page, screenshot,
                                                                 tr, axe):
    base = demo_site.url
    log_in(page, base, "equipe", then=f"/poles/{CLUSTER}/2024/resultats/")
    page.get_by_role("link", name=tr("Consultation des parties prenantes")).click()
    expect(page.locator("h1")).to_have_text(
        tr("Consultation des parties prenantes %(year)s") % {"year": 2024})
    page.get_by_label(tr("Un lien personnel par adresse invitée, envoyé par le courriel de "
                         "l'application : une réponse par adresse")).check()
    both_widths(page, screenshot, "consultation-open", axe)
    page.get_by_role("button", name=tr("Ouvrir la consultation")).click()
    expect(page.locator(".alert-success")).to_contain_text(
        tr("Consultation ouverte. Envoyez maintenant les liens personnels aux adresses "
           "invitées."))
    page.get_by_label(tr("Adresses des parties prenantes invitées")).fill("\n".join(ADDRESSES))
    page.get_by_role("button", name=tr("Envoyer les liens personnels")).click()
    expect(page.locator(".alert-success")).to_contain_text(
        tr("%(count)d lien(s) personnel(s) envoyé(s).") % {"count": 6})
    both_widths(page, screenshot, "consultation-waiting", axe)

    links = [re.search(r"(/consultation/[\w-]+/)", OutgoingMail.objects.get(address=a).text)
             .group(1) for a in ADDRESSES]
    page.context.clear_cookies()
    for number, link in enumerate(links):
        page.goto(base + link)
        answer_all(page, number)
        page.get_by_label(tr("Commentaire (facultatif)")).fill(f"Attente n° {number + 1}.")
        if number == 0:
            both_widths(page, screenshot, "consultation-answer", axe)
            page.get_by_role("button", name=tr("Envoyer ma réponse")).click()
            expect(page.locator("#form-errors")).to_contain_text(tr("Choisissez votre catégorie."))
            expect(page.get_by_label(tr("Commentaire (facultatif)"))).to_have_value("Attente n° 1.")
            assert page.locator("input[name='q-S-1'][value='+']").is_checked()
            screenshot("consultation-refused-1280", full_page=False)
        page.get_by_label(tr("entreprise membre")).check()
        page.get_by_role("button", name=tr("Envoyer ma réponse")).click()
        expect(page.locator("h1")).to_have_text(tr("Merci de votre réponse"))
    assert Response.objects.count() == 6
    page.goto(base + links[0])
    expect(page.get_by_role("alert")).to_contain_text(
        tr("Ce lien a déjà servi : une seule réponse par lien personnel. Merci de votre "
           "participation."))

    log_in(page, base, "conseil", then=f"/poles/{CLUSTER}/2024/consultation/")
    expect(page.get_by_role("heading", name=tr("Là où les regards diffèrent le plus"))) \
        .to_be_visible()
    expect(page.locator("#consultation-radar .main-svg").first).to_be_visible()
    expect(page.get_by_text("Attente n° 4.")).to_be_visible()
    expect(page.locator("table").first).to_contain_text(tr("Les parties prenantes"))
    expect(page.get_by_role("button", name=tr("Clore la consultation"))).to_have_count(0)
    both_widths(page, screenshot, "consultation-results", axe)
