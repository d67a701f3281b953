"""Every page of the site in Chromium, public and logged in, in French and in English: axe-core
finds no serious or critical accessibility violation, the Content Security Policy refuses nothing
(conftest), no page is wider than a phone at 390 px, and no English page has French left in its
interface (tests/browser/french.py). Each page is kept as a screenshot at 1280 and 390 px, under
artifacts/screenshots/<language>/pages/.

The pages come from the URL rules of tests/test_permissions.py, so a new page is checked here as
soon as it has its rule; each is opened by someone allowed to see it, on the demo.
"""

from datetime import date, timedelta
from hashlib import sha256

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from playwright.sync_api import expect

from bilans.models import Bilan
from bilans.services import bilan_publish
from clusters.models import Cluster, Invitation
from consultation.models import Consultation, Response
from experiences.models import Experience
from glossary.models import GlossaryTerm
from grid.models import Assessment, Question
from grid.scoring import SECTION_ORDER
from initiatives.models import PathStep, Sheet
from plans.models import Action
from plans.services import action_create
from strategy.models import Strategy
from strategy.services import strategy_save
from tests.browser.conftest import log_in
from tests.browser.french import french_left
from tests.browser.plotly_css import CSS, injected_rules
from tests.strategy.helpers import arguments
from tests.test_permissions import RULES

pytestmark = pytest.mark.browser

WIDE, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}
ACCOUNTS = {"editor": "equipe", "board": "conseil", "coordinator": "reseau",
            "content_admin": "admin"}
CLUSTER = "pole-littoral-durable"

# More than one view of some pages: each state shows other controls.
EXTRA = {
    "editor": ["/", "/fiches/12/", "/fiches/?enjeu=B&level=2", "/poles/{cluster}/2024/grille/",
               "/poles/{cluster}/2024/resultats/", "/parcours/env/",
               "/poles/{cluster}/plan/?statut=perdu&enjeu=B",
               "/poles/{cluster}/plan/nouvelle/?fiche=12&question=2C-3&titre=Mobilit%C3%A9"],
    "board": ["/", "/poles/{cluster}/2024/resultats/", "/poles/{cluster}/2025/grille/",
              "/poles/{cluster}/plan/", "/poles/{cluster}/parcours/",
              "/poles/{cluster}/evolution/?annees=2023&annees=2025&de=2023&a=2025",
              "/poles/{cluster}/membres/", "/poles/{cluster}/2023/consultation/"],
    "coordinator": ["/", "/poles/", "/reseau/reseau-demo/?region=BRE"],
    "anonymous": ["/fiches/agenda-21/", "/parcours/exe/", "/fiches/?q=energie",
                  "/retours/?source=apec&theme=emploi", "/retours/rennes-exploratoire/"],
}


def demo_action() -> Action:
    """An action of the demo's plan (a done one, so that a path step is reached)."""
    action = Action.objects.filter(cluster__slug=CLUSTER).order_by("pk").first()
    if action is None:
        user = get_user_model().objects.get(username=ACCOUNTS["editor"])
        action = action_create(
            cluster=Cluster.objects.get(slug=CLUSTER), by=user, title="Bilan carbone",
            sheets=["12"], question_codes=["2C-3"], status="done", indicator="Tonnes de CO2",
            unit="t", baseline="100", target="80", measured="90", due_on=date(2025, 6, 30))
    return action


def demo_strategy() -> Strategy:
    """The demo cluster's strategy for 2025–2027 (the demo's own, approved; else drafted by
    its team, conseil responsible)."""
    cluster = Cluster.objects.get(slug=CLUSTER)
    found = Strategy.objects.filter(cluster=cluster, start_year=2025).first()
    if found is None:
        people = get_user_model().objects
        found = strategy_save(by=people.get(username=ACCOUNTS["editor"]), **arguments(
            cluster, people.get(username=ACCOUNTS["board"])))
    return found


def demo_invitation_token() -> str:
    """An open invitation to the demo cluster (as its editor sends one), whose link's token is
    known here: the page a new person lands on from the mail."""
    token = "jeton-de-demonstration"
    token_hash = sha256(token.encode()).hexdigest()
    if not Invitation.objects.filter(token_hash=token_hash).exists():
        Invitation.objects.create(
            cluster=Cluster.objects.get(slug=CLUSTER), email="nouvelle@example.org",
            role="board", invited_by=get_user_model().objects.get(username=ACCOUNTS["editor"]),
            token_hash=token_hash, sent_at=timezone.now(),
            expires_at=timezone.now() + timedelta(days=7))
    return token


def demo_consultation_token() -> str:
    """The demo cluster's 2023 consultation with its shared link's token known here, and six
    answers, so that its results show (the 2025 one is left for the team to open)."""
    token = "jeton-de-consultation-de-demonstration"
    token_hash = sha256(token.encode()).hexdigest()
    if not Consultation.objects.filter(token_hash=token_hash).exists():
        assessment = Assessment.objects.get(cluster__slug=CLUSTER, campaign__year=2023)
        consultation = Consultation.objects.create(
            assessment=assessment, section_codes=list(SECTION_ORDER),
            closes_on=timezone.localdate() + timedelta(days=30), token_hash=token_hash)
        codes = Question.objects.filter(version=assessment.campaign.version).values_list(
            "code", flat=True)
        for number, category in enumerate(["company"] * 5 + ["financer"]):
            Response.objects.create(
                consultation=consultation, category=category, comment=f"Attente n° {number}.",
                answers={code: ("++", "+", "-", "--")[(number + len(code)) % 4]
                         for code in codes})
    return token


def demo_bilan_year() -> int:
    """The demo cluster's 2024 (validated), published by its board, with a word of its own
    (the demo itself publishes nothing)."""
    assessment = Assessment.objects.get(cluster__slug=CLUSTER, campaign__year=2024)
    if not Bilan.objects.filter(assessment=assessment, published=True).exists():
        bilan_publish(assessment=assessment,
                      by=get_user_model().objects.get(username=ACCOUNTS["board"]),
                      text="Le conseil remercie les **membres** du pôle.")
    return 2024


def samples():
    return {"slug": CLUSTER, "year": 2025, "sheet": "12", "path": "rh",
            "term": GlossaryTerm.objects.order_by("slug").first().slug,
            "action": demo_action().pk, "strategy": demo_strategy().start_year,
            "step": PathStep.objects.order_by("pk").first().pk,
            "network": "reseau-demo", "experience": "terralia-afaq-26000",
            "uidb64": "MQ", "reset_token": "lien-perime",
            "invitation_token": demo_invitation_token(), "code": "S-1",
            "consultation_token": demo_consultation_token(), "bilan_year": demo_bilan_year()}


def pages_of(person: str) -> list[str]:
    """The GET pages of the URL rules that `person` opens (a visitor the public ones, the
    editor those of a cluster, the coordinator the network's, the content admin the network
    coordinators'), and the person's extras."""
    values = samples()
    pages = []
    for name, rule in sorted(RULES.items()):
        if rule.method != "get" or not rule.is_page:
            continue
        who = rule.access.who
        opener = next(person for person in ("anonymous", "editor", "coordinator", "content_admin")
                      if who[person] == "ok")
        if opener == person:
            pages.append(reverse(name, args=[values[arg] for arg in rule.args]))
    return pages + [path.format(cluster=CLUSTER) for path in EXTRA.get(person, [])]


def admin_pages() -> list[str]:
    sheet = Sheet.objects.get(number="12")
    question = Question.objects.order_by("pk").first()
    experience = Experience.objects.get(slug="terralia-afaq-26000")
    return [
        reverse("home"),  # the content admin's own home
        reverse("admin:index"), reverse("admin:initiatives_sheet_changelist"),
        reverse("admin:initiatives_sheet_change", args=[sheet.pk]),
        reverse("admin:initiatives_sheet_history", args=[sheet.pk]),
        reverse("admin:grid_gridversion_changelist"), reverse("admin:grid_question_changelist"),
        reverse("admin:grid_question_change", args=[question.pk]),
        reverse("admin:clusters_cluster_changelist"), reverse("admin:glossary_glossaryterm_add"),
        reverse("admin:initiatives_path_changelist"),
        reverse("admin:experiences_experience_changelist"),
        reverse("admin:experiences_experience_change", args=[experience.pk]),
    ]


def check_pages(page, axe, base, paths, language, screenshot) -> dict[str, list]:
    """Open each HTML page at 1280 px then 390 px; the serious or critical violations found, by
    page, the pages wider than a phone, and on English pages the French phrases left in the
    interface. Each page is kept as a screenshot at both widths."""
    found = {}
    for path in paths:
        page.set_viewport_size(WIDE)
        response = page.goto(base + path)
        assert response.status == 200, (path, response.status)
        expect(page.locator("body")).to_be_visible()
        assert page.locator("html").get_attribute("lang") == language, path
        problems = axe()
        if language != "fr":
            problems += [f"French left: {phrase}" for phrase in french_left(page)]
        name = "pages/" + (slugify(path.replace("/", " ")) or "home")
        screenshot(f"{name}-1280")
        page.set_viewport_size(PHONE)
        page.reload()  # laid out for the phone from the start, charts included
        if page.evaluate("document.documentElement.scrollWidth") > PHONE["width"]:
            problems.append("wider than a phone's screen")
        screenshot(f"{name}-390")
        if problems:
            found[path] = problems
    return found


@pytest.mark.parametrize("person", ["anonymous", "editor", "board", "coordinator",
                                    "content_admin"])
def test_every_page_is_accessible_and_csp_clean(demo_site, page, axe, person, ui_language,
                                                screenshot):
    if person != "anonymous":
        log_in(page, demo_site.url, ACCOUNTS[person])
    paths = pages_of(person)
    assert paths, person
    assert check_pages(page, axe, demo_site.url, paths, ui_language, screenshot) == {}


def test_the_admin_pages_are_accessible_and_csp_clean(demo_site, page, axe, tr, ui_language,
                                                      screenshot):
    page.goto(demo_site.url + "/admin/login/")
    page.locator("#id_username").fill("admin")
    page.locator("#id_password").fill("demo")
    page.locator("#id_password").press("Enter")
    expect(page.get_by_role("heading", name=tr("Contenus, grilles et comptes"))).to_be_visible()
    assert check_pages(page, axe, demo_site.url, admin_pages(), ui_language, screenshot) == {}


def test_the_plotly_rules_the_pages_link_are_those_plotly_injects(page):
    # After an upgrade of plotly: `.venv/bin/python -m tests.browser.plotly_css`.
    assert CSS.read_text() == injected_rules(page)
