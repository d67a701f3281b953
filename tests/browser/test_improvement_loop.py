"""The guide's cycle for a cluster, as the issue's journey: open the results, plan an action from
the first recommendation, mark it done, see the path step reached, and next year's grid show the
action beside its question."""

import re

import pytest
from playwright.sync_api import expect

from grid.models import Answer, Campaign, GridVersion
from initiatives.models import PathStep
from plans.models import Action
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser
CLUSTER = "/poles/pole-littoral-durable"


def test_a_recommendation_becomes_a_done_action_a_reached_step_and_a_note_in_next_years_grid(
    demo_site, page, screenshot, tr
):
    Campaign.objects.create(year=2026, version=GridVersion.objects.get(code="cgdd-2012"))
    # The strategy formalised: the first recommendation is then a sheet on a path (the Agenda 21
    # sheet, recommended first otherwise, opens every path without being one of its steps).
    Answer.objects.filter(assessment__campaign__year=2025, question__section__code="S").update(
        value="++")
    base = demo_site.url
    log_in(page, base, "equipe")
    page.goto(f"{base}{CLUSTER}/2025/resultats/")
    first = page.locator("ol.recommendations > li").first
    code = first.locator("strong").first.inner_text()
    title = f"Progresser sur {code}"  # typed by the cluster's team: theirs, in any language
    first.get_by_role("link", name=re.compile("^" + re.escape(tr("Planifier")))).click()

    expect(page.get_by_role("heading", name=tr("Nouvelle action"))).to_be_visible()
    page.get_by_label(tr("Intitulé")).fill(title)
    page.get_by_role("button", name=tr("Enregistrer")).click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    action = Action.objects.get(title=title)
    assert action.question_codes == [code]
    sheets = list(action.sheets.all())
    assert sheets, "the recommendation's sheets come with the action"

    page.get_by_role("link", name=tr("Modifier")).click()
    page.get_by_label(tr("Statut")).select_option("done")
    page.get_by_role("button", name=tr("Enregistrer")).click()
    change = tr("%(field)s : %(old)s → %(new)s") % {
        "field": tr("Statut"), "old": tr("prévue"), "new": tr("réalisée")}
    expect(page.get_by_text(change)).to_be_visible()

    page.goto(f"{base}{CLUSTER}/parcours/")
    step = PathStep.objects.filter(sheet__in=sheets).select_related("path").first()
    reached = page.locator(f"section#{step.path.slug} li.path-step", has_text=tr("via l'action"))
    expect(reached.first).to_contain_text(title)
    screenshot("loop-paths", full_page=False)

    page.goto(f"{base}{CLUSTER}/")
    page.locator("#id_year").select_option("2026")
    page.get_by_role("button", name=tr("Ouvrir la grille")).click()
    grid = tr("Grille d'autoévaluation %(year)s") % {"year": 2026}
    expect(page.get_by_role("heading", name=grid)).to_be_visible()
    note = page.locator(f"#q-{code} .question-notes")
    expect(note).to_contain_text(tr("Action « %(title)s »") % {"title": title})
    expect(note).to_contain_text(tr("réalisée le %(date)s").split("%(")[0].strip())  # then the day
    note.scroll_into_view_if_needed()
    screenshot("loop-next-grid", full_page=False)
