"""Staff plan an action from a sheet and a question, mark it done, and the path of that sheet
shows its step reached through the action."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from clusters.models import Cluster
from plans import services
from plans.models import Action
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser
CLUSTER = "pole-littoral-durable"


def test_staff_plan_an_action_and_the_path_shows_it(demo_site, page, screenshot, tr):
    base = demo_site.url
    log_in(page, base, "equipe")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{base}/poles/{CLUSTER}/plan/nouvelle/?fiche=12&question=2C-3")
    expect(page.get_by_role("heading", name=tr("Nouvelle action"))).to_be_visible()
    sheet_12 = page.get_by_role("checkbox", name="12 · ", exact=False).first
    expect(sheet_12).to_be_checked()
    page.get_by_label(tr("Intitulé")).fill("Former les entreprises à l'éco-conception")
    page.get_by_label(tr("Indicateur")).fill("Entreprises formées")
    page.get_by_label(tr("Valeur de départ")).fill("0")
    page.get_by_label(tr("Cible")).fill("20")
    page.get_by_label(tr("Valeur mesurée")).fill(tr.number("7,5"))
    screenshot("plan-form-1280")
    page.get_by_role("button", name=tr("Enregistrer")).click()

    heading = page.get_by_role("heading", name="Former les entreprises à l'éco-conception")
    expect(heading).to_be_visible()
    action = Action.objects.get(title="Former les entreprises à l'éco-conception")
    assert action.question_codes == ["2C-3"]
    assert list(action.sheets.values_list("number", flat=True)) == ["12"]

    page.get_by_role("link", name=tr("Modifier")).click()
    page.get_by_label(tr("Statut")).select_option("done")
    page.get_by_label(tr("Valeur mesurée")).fill("20")
    page.get_by_role("button", name=tr("Enregistrer")).click()
    expect(page.get_by_text(tr("Action modifiée."))).to_be_visible()
    change = tr("%(field)s : %(old)s → %(new)s") % {
        "field": tr("Statut"), "old": tr("prévue"), "new": tr("réalisée")}
    expect(page.get_by_text(change)).to_be_visible()
    screenshot("plan-detail-1280")

    page.goto(f"{base}/poles/{CLUSTER}/plan/")
    row = page.get_by_role("row", name="Former les entreprises", exact=False)
    expect(row).to_contain_text(tr("réalisée"))
    expect(row).to_contain_text(tr.number("100 %"))
    screenshot("plan-list-1280")

    page.goto(f"{base}/poles/{CLUSTER}/parcours/")
    env = page.locator("section#env")
    step = env.locator("li.path-step", has_text="12")
    expect(step).to_contain_text(tr("via l'action"))
    expect(step).to_contain_text("Former les entreprises à l'éco-conception")
    screenshot("plan-paths-1280")

    page.set_viewport_size({"width": 390, "height": 844})
    for name, path in (("list", "plan/"), ("form", "plan/nouvelle/?fiche=12"),
                       ("detail", f"plan/{action.pk}/"), ("paths", "parcours/")):
        page.goto(f"{base}/poles/{CLUSTER}/{path}")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, (name, overflow)
        screenshot(f"plan-{name}-390")


def test_a_stale_save_is_refused_and_the_history_is_paged(demo_site, page, screenshot, tr, axe):
    """Two people edit one action: the second save is refused with the first one's change and
    the person's input kept; the action's page shows its history by pages of 20."""
    base = demo_site.url
    editor = get_user_model().objects.get(username="equipe")
    colleague = get_user_model().objects.get(username="conseil")  # any name will do
    action = services.action_create(
        cluster=Cluster.objects.get(slug=CLUSTER), by=editor, title="Bilan carbone du pôle",
        sheets=["12"], indicator="Émissions", unit="tCO2e", baseline="184.5", target="150")
    log_in(page, base, "equipe")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{base}/poles/{CLUSTER}/plan/{action.pk}/modifier/")
    page.get_by_label(tr("Valeur mesurée")).fill("171")
    page.get_by_label(tr("Notes", "free text")).fill("Mesuré sur les événements de 2026.")
    # Meanwhile, a colleague saves the action from the form they opened at the same revision.
    services.action_update(action=action, by=colleague, revision=0, target="140",
                           title="Bilan carbone du pôle et de ses événements")
    page.get_by_role("button", name=tr("Enregistrer")).click()
    alert = page.locator(".action-conflict")
    expect(alert).to_contain_text(colleague.get_full_name() or colleague.username)
    expect(alert).to_contain_text("Bilan carbone du pôle et de ses événements")
    notes = page.get_by_label(tr("Notes", "free text"))
    expect(notes).to_have_value("Mesuré sur les événements de 2026.")
    assert axe() == []
    screenshot("plan-stale-1280")
    page.get_by_role("button", name=tr("Enregistrer")).click()
    expect(page.get_by_text(tr("Action modifiée."))).to_be_visible()

    for edit in range(40):
        services.action_update(action=action, by=editor, measured=str(171 - edit))
    page.goto(f"{base}/poles/{CLUSTER}/plan/{action.pk}/")
    history = page.get_by_role("navigation", name=tr("Pages de l'historique"))
    expect(history.locator("[aria-current=page]")).to_have_text("1")
    assert axe() == []
    screenshot("plan-history-1280")
    history.get_by_role("link", name=tr("Plus anciens →")).click()
    expect(page.get_by_role("navigation", name=tr("Pages de l'historique"))
           .locator("[aria-current=page]")).to_have_text("2")
    page.set_viewport_size({"width": 390, "height": 844})
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    screenshot("plan-history-390")
