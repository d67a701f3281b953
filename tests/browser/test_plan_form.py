"""The new-action form on a phone, as the issue's journey: « Planifier » on a recommendation,
the prefilled items shown as chips, one taken out with the keyboard, a sheet found by searching
its list, two mistakes said at once on their fields, fixed, saved."""

import re
import unicodedata
from datetime import date

import pytest
from django.utils import translation
from django.utils.formats import date_format
from playwright.sync_api import expect

from initiatives.models import Sheet
from plans.models import Action
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser
CLUSTER = "/poles/pole-littoral-durable"
SHOTS = "plan-form"


def fold(text: str) -> str:
    """As the form's script compares: accents and case aside."""
    return "".join(c for c in unicodedata.normalize("NFD", text)
                   if not unicodedata.combining(c)).lower()


def no_overflow(page) -> None:
    assert page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0


def test_a_recommendation_planned_from_its_chips_with_every_mistake_said_at_once(
        demo_site, page, screenshot, tr, axe):
    base = demo_site.url
    log_in(page, base, "equipe")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}{CLUSTER}/2025/resultats/")
    first = page.locator("ol.recommendations > li").first
    code = first.locator("strong").first.inner_text()
    first.get_by_role("link", name=re.compile("^" + re.escape(tr("Planifier")))).click()
    expect(page.get_by_role("heading", name=tr("Nouvelle action"))).to_be_visible()

    # What the link prefilled, atop the form: the question, its sheets, a title.
    chips = page.locator("[data-chips]")
    expect(chips.get_by_role("button", name=f"{tr('Retirer la question')} {code}")).to_be_visible()
    expect(chips.get_by_role("button", name=tr("Retirer le titre proposé"))).to_be_visible()
    prefilled = chips.locator('.chip[data-field="sheets"]').evaluate_all(
        "chips => chips.map(chip => chip.dataset.value)")
    assert prefilled, "the recommendation's sheets are prefilled"
    for number in prefilled:
        expect(page.locator(f'input[name="sheets"][value="{number}"]')).to_be_checked()
    assert axe() == []
    no_overflow(page)
    screenshot(f"{SHOTS}-chips-390")

    # The first sheet taken out from the keyboard: its box unticked, the focus on the next chip.
    removed = prefilled[0]
    remove = chips.get_by_role("button", name=f"{tr('Retirer la fiche')} {removed} · ")
    remove.focus()
    page.keyboard.press("Enter")
    expect(page.locator(f'input[name="sheets"][value="{removed}"]')).not_to_be_checked()
    expect(remove).to_be_hidden()
    expect(page.locator(".chip-remove:focus")).to_have_count(1)

    # A sheet found by a word of its title; the ticked ones stay in view.
    wanted = Sheet.objects.exclude(number__in=prefilled).order_by("number").first()
    word = max(wanted.title.split(), key=len)
    search = page.get_by_label(tr("Chercher une fiche (numéro ou titre)"))
    search.fill(word.upper())
    ticked = set(prefilled[1:])
    shown = [sheet for sheet in Sheet.objects.all()
             if sheet.number in ticked or fold(word) in fold(f"{sheet.number} · {sheet.title}")]
    count = page.locator("#id_sheets_count")
    expect(count).to_have_text(tr("Affichées : %(shown)s sur %(total)s · cochées : %(ticked)s")
                               % {"shown": len(shown), "total": Sheet.objects.count(),
                                  "ticked": len(ticked)})
    expect(page.locator("#id_sheets .form-check:visible")).to_have_count(len(shown))
    page.locator(f'input[name="sheets"][value="{wanted.number}"]').check()
    expect(count).to_contain_text(str(len(ticked) + 1))
    screenshot(f"{SHOTS}-search-390")

    # Two mistakes: the title taken out, and a due date before the start.
    chips.get_by_role("button", name=tr("Retirer le titre proposé")).click()
    expect(page.get_by_label(tr("Intitulé"))).to_have_value("")
    page.get_by_label(tr("Début")).fill("2026-06-01")
    page.get_by_label(tr("Échéance")).fill("2026-05-01")
    page.get_by_label(tr("Indicateur")).fill("Entreprises accompagnées")
    page.get_by_role("button", name=tr("Enregistrer")).click()

    problems = page.locator(".form-problems")
    with translation.override(tr.language):
        due, start = (date_format(day, "SHORT_DATE_FORMAT")
                      for day in (date(2026, 5, 1), date(2026, 6, 1)))
    expect(problems).to_contain_text(tr("Donnez un intitulé à l'action."))
    expect(problems).to_contain_text(tr("L'échéance (%(due)s) précède le début (%(start)s).")
                                     % {"due": due, "start": start})
    expect(problems).to_be_focused()
    expect(page.locator("#error_1_id_title")).to_be_visible()
    expect(page.locator("#error_1_id_due_on")).to_be_visible()
    # Nothing typed is lost: the boxes as left, the indicator, the dates.
    expect(page.get_by_label(tr("Indicateur"))).to_have_value("Entreprises accompagnées")
    expect(page.locator(f'input[name="sheets"][value="{removed}"]')).not_to_be_checked()
    expect(page.locator(f'input[name="sheets"][value="{wanted.number}"]')).to_be_checked()
    expect(page.locator(f'input[name="question_codes"][value="{code}"]')).to_be_checked()
    assert axe() == []
    no_overflow(page)
    screenshot(f"{SHOTS}-errors-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(f"{SHOTS}-errors-1280")
    page.set_viewport_size({"width": 390, "height": 844})

    title = f"Progresser sur {code}"  # typed by the cluster's team: theirs, in any language
    page.get_by_label(tr("Intitulé")).fill(title)
    page.get_by_label(tr("Échéance")).fill("2026-12-31")
    page.get_by_role("button", name=tr("Enregistrer")).click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    action = Action.objects.get(title=title)
    assert action.question_codes == [code]
    assert sorted(action.sheets.values_list("number", flat=True)) == sorted(
        [*prefilled[1:], wanted.number])

    # The edit form: the same searchable lists, no chip.
    page.get_by_role("link", name=tr("Modifier")).click()
    expect(page.locator("[data-chips]")).to_have_count(0)
    expect(page.get_by_label(tr("Chercher une question (code ou texte)"))).to_be_visible()
    assert axe() == []
    no_overflow(page)
    screenshot(f"{SHOTS}-edit-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(f"{SHOTS}-edit-1280")


def test_without_the_script_the_prefilled_boxes_are_ticked_in_the_whole_lists(
        demo_site, browser, browser_context_args, tr):
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    page = context.new_page()
    base = demo_site.url
    log_in(page, base, "equipe")
    page.goto(f"{base}{CLUSTER}/plan/nouvelle/?fiche=12&question=2C-3&titre=Mobilit%C3%A9")
    expect(page.locator("[data-chips]")).to_be_hidden()
    expect(page.locator(".choice-filter")).to_have_count(2)
    expect(page.locator(".choice-filter").first).to_be_hidden()
    expect(page.locator("#id_sheets .form-check:visible")).to_have_count(Sheet.objects.count())
    expect(page.locator('input[name="sheets"][value="12"]')).to_be_checked()
    expect(page.locator('input[name="question_codes"][value="2C-3"]')).to_be_checked()
    expect(page.get_by_label(tr("Intitulé"))).to_have_value("Mobilité")
    context.close()
