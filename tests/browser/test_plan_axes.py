"""The guide's link 3, axes turned into a plan: on the results page the team clicks « Planifier »
on a recommendation, the form proposes the strategy's axis that covers the question's enjeu, the
action saved sits under that axis on the plan page, and the plan is filtered by axis. The demo's
strategy (2025–2027, approved) covers B and C on its first axis, A and D on its second."""

import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from plans.models import Action
from strategy.models import Axis
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser
CLUSTER = "pole-littoral-durable"
WIDTHS = {"1280": {"width": 1280, "height": 900}, "390": {"width": 390, "height": 844}}
SHOTS = Path("/work/notes/shots/axes")


def looked_at(page, screenshot, name, axe, language):
    for label, size in WIDTHS.items():
        page.set_viewport_size(size)
        assert axe() == [], (name, label)
        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"], label
        SHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(screenshot(f"{name}-{label}"), SHOTS / f"{name}-{label}-{language}.png")
    page.set_viewport_size(WIDTHS["1280"])


def test_planifier_proposes_the_axis_and_the_plan_groups_and_filters_by_it(
        demo_site, page, screenshot, tr, axe, ui_language):
    base = demo_site.url
    log_in(page, base, "equipe", then=f"/poles/{CLUSTER}/2024/resultats/")
    # The first recommendation outside section S (whose questions no axis covers).
    links = page.locator("a[href*='/plan/nouvelle/?question=']")
    hrefs = [links.nth(n).get_attribute("href") for n in range(links.count())]
    href = next(h for h in hrefs if not parse_qs(urlparse(h).query)["question"][0].startswith(
        "S-"))
    code = parse_qs(urlparse(href).query)["question"][0]
    link = page.locator(f"a[href='{href}']").first
    axis = Axis.objects.get(strategy__cluster__slug=CLUSTER,
                            order=1 if code[1] in "BC" else 2)
    label = tr("Axe %(number)s · %(title)s (%(period)s)") % {
        "number": axis.order, "title": axis.title, "period": "2025–2027"}
    link.click()

    expect(page.get_by_role("heading", name=tr("Nouvelle action"))).to_be_visible()
    select = page.get_by_label(tr("Axe stratégique"))
    expect(select).to_have_value(str(axis.pk))
    chip = page.locator(".chip[data-field='axis']")
    expect(chip).to_contain_text(tr("Axe proposé"))
    expect(chip).to_contain_text(label)
    looked_at(page, screenshot, "axis-form", axe, ui_language)
    title = page.get_by_label(tr("Intitulé")).input_value()
    page.get_by_role("button", name=tr("Enregistrer")).click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    action = Action.objects.get(title=title)
    assert action.axis == axis and action.question_codes == [code]

    page.goto(f"{base}/poles/{CLUSTER}/plan/")
    heading = page.locator(f"h2#axe-{axis.pk}")
    expect(heading).to_contain_text(label)
    # The action's table follows its axis's heading.
    expect(page.locator(f"h2#axe-{axis.pk} + div table")).to_contain_text(title)
    expect(page.locator("h2#sans-axe")).to_contain_text(tr("Sans axe"))
    looked_at(page, screenshot, "axis-plan", axe, ui_language)

    page.get_by_label(tr("Axe stratégique")).select_option(str(axis.pk))
    page.locator(".action-filters").get_by_role("button", name=tr("Filtrer")).click()
    expect(page.get_by_role("status")).to_contain_text(label)
    expect(page.locator("h2#sans-axe")).to_have_count(0)
    served = Action.objects.filter(axis=axis).count()
    expect(page.locator("table.action-table tbody tr")).to_have_count(served)
    looked_at(page, screenshot, "axis-plan-filtered", axe, ui_language)

    # The strategy page lists the axis's actions, with the plan filtered on it.
    page.goto(f"{base}/poles/{CLUSTER}/strategie/")
    link = page.locator(f"a[href$='/plan/?axe={axis.pk}']")
    looked_at(page, screenshot, "axis-strategy", axe, ui_language)
    expect(link).to_have_text(tr.plural("%(counter)s action au plan sur cet axe",
                                        "%(counter)s actions au plan sur cet axe", served))
    link.click()
    expect(page.get_by_role("status")).to_contain_text(label)
