"""The grid on a phone (issue #23): a bar stays in view with the section in view (its menu jumps
to the others), the global note and « question suivante sans réponse »; the filters show the
questions without an answer or changed since the last validated year; every answer target is at
least 24 × 24 px (WCAG 2.2, 2.5.8) and the compact display shows whole statements without hover."""

import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from grid.models import Answer
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GRID = "/poles/pole-littoral-durable/2025/grille/"
BLANKS = ("1A-2", "2B-1", "2B-5", "2C-4", "2D-3")  # in grid order
SHOTS = Path("/work/notes/shots/grid-phone")


def keep(path: Path, ui_language: str) -> None:
    """A copy of a screenshot for the lead's review (artifacts/ is the test's own)."""
    if SHOTS.parent.is_dir():
        SHOTS.mkdir(exist_ok=True)
        shutil.copy(path, SHOTS / f"{path.stem}-{ui_language}.png")


def answers_2025():
    return Answer.objects.filter(assessment__cluster__slug="pole-littoral-durable",
                                 assessment__campaign__year=2025)


def answers_of_2024() -> dict[str, str]:
    return dict(Answer.objects.filter(assessment__cluster__slug="pole-littoral-durable",
                                      assessment__campaign__year=2024)
                .values_list("question__code", "value"))


def other_than(value: str) -> str:
    return "--" if value != "--" else "++"


def clear_of_the_bar(page, code: str) -> None:
    """The question is on screen, below the bar, not under it."""
    row = page.locator(f"#q-{code}").bounding_box()
    bar = page.locator("#grid-bar").bounding_box()
    assert row["y"] >= bar["y"] + bar["height"] - 1, (code, row, bar)
    assert row["y"] < page.viewport_size["height"], (code, row)


def test_a_phone_answers_with_the_bar_jumps_to_what_is_left_and_filters(
    demo_site, page, screenshot, tr, axe, ui_language
):
    answers_2025().filter(question__code__in=BLANKS).update(value="", comment="")
    before = answers_of_2024()
    changed = {code for code, value in answers_2025().values_list("question__code", "value")
               if value and before.get(code) and value != before[code]}
    base = demo_site.url
    log_in(page, base, "equipe")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + GRID)
    bar = page.locator("#grid-bar")
    section = bar.locator("summary")
    expect(section).to_have_accessible_name(f"{tr('Section en cours :')} S")
    next_button = bar.get_by_role("button", name=tr("Question suivante sans réponse"))
    note = bar.locator("[data-note=global]")
    assert axe() == []
    keep(screenshot("grid-bar-390-detailed", full_page=False), ui_language)

    # Three questions answered from the bar: each press opens the next one left, below the bar,
    # its first answer focused; the note in the bar follows each save.
    for code in BLANKS[:3]:
        next_button.click()
        first = page.locator(f"#q-{code} input[type=radio]").first
        expect(first).to_be_focused()
        clear_of_the_bar(page, code)
        expect(section).to_contain_text(code[:2])
        page.locator(f"#q-{code}").get_by_role(
            "radio", name=re.compile("^" + re.escape(other_than(before[code])) + " ")).check()
        expect(page.locator(f"#q-{code} .save-status")).to_have_text(tr("✓ Enregistré"))
        expect(note).to_have_text(page.locator(".grid-aside [data-note=global]").inner_text())
        # Now different from 2024: marked so at once.
        expect(page.locator(f"#q-{code} [data-previous-mark]")).to_have_text(
            tr("Changée depuis %(year)s : avant « %(value)s »")
            % {"year": 2024, "value": before[code]})
    assert dict(answers_2025().filter(question__code__in=BLANKS[:3])
                .values_list("question__code", "value")) == {
        code: other_than(before[code]) for code in BLANKS[:3]}
    keep(screenshot("grid-bar-390-answered", full_page=False), ui_language)

    # The next one left after the current position, then round from the top.
    next_button.click()
    expect(page.locator(f"#q-{BLANKS[3]} input[type=radio]").first).to_be_focused()
    expect(section).to_contain_text("2C")
    page.locator("#q-2D-4 input[type=radio]").first.focus()  # the last question
    next_button.click()
    expect(page.locator(f"#q-{BLANKS[3]} input[type=radio]").first).to_be_focused()
    expect(bar.get_by_role("status")).to_have_text(
        tr("Retour au début de la grille : question %(code)s.") % {"code": BLANKS[3]})

    # The section menu jumps, with the keyboard too, and names the section reached.
    section.focus()
    page.keyboard.press("Enter")
    menu_link = bar.get_by_role("link", name=re.compile("^2D"))
    expect(menu_link).to_be_visible()
    keep(screenshot("grid-bar-390-menu", full_page=False), ui_language)
    assert axe() == []
    menu_link.click()
    expect(page).to_have_url(re.compile("#section-2D$"))
    expect(menu_link).to_be_hidden()
    expect(section).to_have_accessible_name(re.compile(re.escape(tr("Section en cours :")) + " 2D"))
    page.keyboard.press("Escape")

    # Filters: those left, then those changed since the last validated year.
    filters = page.get_by_role("group", name=tr("Afficher seulement les questions"))
    count = filters.get_by_role("status")
    filters.get_by_role("checkbox", name=tr("sans réponse")).check()
    expect(count).to_have_text(tr("Questions affichées : %(shown)s sur %(total)s")
                               % {"shown": 2, "total": 41})
    expect(page.locator("fieldset[data-kind=question]:visible")).to_have_count(2)
    for code in BLANKS[3:]:
        expect(page.locator(f"#q-{code}")).to_be_visible()
    empty = tr("Aucune question de cette section ne répond aux filtres choisis.")
    said = page.locator("#grid-form [data-section-empty]:visible")
    expect(said).to_have_count(7)  # all but 2C and 2D
    expect(said.first).to_have_text(empty)
    expect(page.locator(".custom-row:visible")).to_have_count(0)
    page.locator("[data-grid-filters]").evaluate("element => element.scrollIntoView()")
    keep(screenshot("grid-filter-390-unanswered", full_page=False), ui_language)
    assert axe() == []

    # Both filters keep the rows that carry both marks: none here.
    changed_box = filters.get_by_role("checkbox", name=tr("changées depuis %(year)s")
                                      % {"year": 2024})
    changed_box.check()
    expect(count).to_have_text(tr("Questions affichées : %(shown)s sur %(total)s")
                               % {"shown": 0, "total": 41})
    expect(said).to_have_count(9)
    filters.get_by_role("checkbox", name=tr("sans réponse")).uncheck()
    shown = len(changed) + 3
    expect(count).to_have_text(tr("Questions affichées : %(shown)s sur %(total)s")
                               % {"shown": shown, "total": 41})
    expect(page.locator("fieldset[data-kind=question]:visible")).to_have_count(shown)
    expect(page.locator("fieldset[data-kind=question]:visible [data-previous-mark]:visible")
           ).to_have_count(shown)
    page.locator("[data-grid-filters]").evaluate("element => element.scrollIntoView()")
    keep(screenshot("grid-filter-390-changed", full_page=False), ui_language)

    # With the last two answered, nothing is left: the bar says so.
    changed_box.uncheck()
    for code in BLANKS[3:]:
        next_button.click()
        expect(page.locator(f"#q-{code} input[type=radio]").first).to_be_focused()
        page.keyboard.press("Space")
        expect(page.locator(f"#q-{code} .save-status")).to_have_text(tr("✓ Enregistré"))
    next_button.click()
    expect(bar.get_by_role("status")).to_have_text(
        tr("Toutes les questions affichées ont une réponse."))
    expect(page.locator("#answered")).to_have_text("41")


TARGETS = """() => {
  // Each answer's label holds its input and is at least 24 x 24 px; labels never overlap.
  const boxes = [];
  const faults = [];
  const inputs = '#grid-form input[type=radio], [data-grid-filters] input';
  document.querySelectorAll(inputs).forEach(input => {
    const label = document.querySelector('label[for="' + input.id + '"]').getBoundingClientRect();
    const own = input.getBoundingClientRect();
    if (label.width < 24 || label.height < 24) faults.push([input.id, label.width, label.height]);
    if (own.left < label.left - 0.5 || own.right > label.right + 0.5 || own.top < label.top - 0.5
        || own.bottom > label.bottom + 0.5) faults.push([input.id, 'input outside its label']);
    boxes.push([input.id, label]);
  });
  for (let i = 1; i < boxes.length; i++) {
    const [id, a] = boxes[i - 1];
    const [other, b] = boxes[i];
    if (a.left < b.right - 0.5 && b.left < a.right - 0.5
        && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
      faults.push([id, other, 'overlap']);
  }
  return {count: boxes.length, faults: faults};
}"""


@pytest.mark.parametrize("compact", [False, True], ids=["detailed", "compact"])
def test_every_answer_target_is_24_px_and_the_compact_statements_need_no_hover(
    demo_site, page, screenshot, tr, axe, ui_language, compact
):
    display = "compact" if compact else "detailed"
    base = demo_site.url
    log_in(page, base, "equipe")
    page.goto(base + GRID)
    if compact:
        page.get_by_role("button", name=tr("Affichage compact")).click()
        expect(page.get_by_role("button", name=tr("Affichage détaillé"))).to_be_visible()
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(base + GRID)
        expect(page.locator("[data-grid-filters]")).to_be_visible()
        measured = page.evaluate(TARGETS)
        # 41 questions (5 answers, 4 in section S) and 4 « autres actions » (4 answers).
        assert measured["count"] == 37 * 5 + 4 * 4 + 4 * 4 + 2, measured["count"]
        assert measured["faults"] == [], measured["faults"][:5]
        assert axe() == [], width
        keep(screenshot(f"grid-{width}-{display}", full_page=False), ui_language)
        page.locator("#q-2B-1").evaluate("element => element.scrollIntoView()")
        expect(page.locator("#grid-bar summary")).to_contain_text("2B")
        keep(screenshot(f"grid-{width}-{display}-2B", full_page=False), ui_language)
    if compact:
        # On the phone each statement shows whole, no pointer over it, nothing focused.
        page.locator("#q-2B-3").scroll_into_view_if_needed()
        page.mouse.move(0, 0)
        clipped = page.evaluate("""() => Array.from(document.querySelectorAll('.question-text'))
            .filter(legend => legend.scrollHeight > legend.clientHeight + 1)
            .map(legend => legend.parentElement.id)""")
        assert clipped == []
        keep(screenshot("grid-390-compact-statement", full_page=False), ui_language)
    assert axe() == []
