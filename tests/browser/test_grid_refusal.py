"""An answer the server refuses never looks saved (issue #23): on a phone, in both displays, a
« na » without its comment puts the stored answer back, says why beside the question and opens
the comment box with the focus; with the comment written, « na » is saved."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GRID = "/poles/pole-littoral-durable/2025/grille/"
CODE = "2B-3"  # outside section S, where « na » is an answer


@pytest.mark.parametrize("compact", [False, True], ids=["detailed", "compact"])
def test_a_refused_na_puts_the_stored_answer_back_and_asks_for_the_comment(
    demo_site, page, screenshot, tr, compact
):
    base = demo_site.url
    log_in(page, base, "equipe")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + GRID)
    if compact:
        page.get_by_role("button", name=tr("Affichage compact")).click()
        expect(page.get_by_role("button", name=tr("Affichage détaillé"))).to_be_visible()
        page.goto(base + GRID)  # the display is remembered; a fresh load, no scroll restored
    fieldset = page.locator(f"#q-{CODE}")
    # Mid-screen, as a person taps it: at the top, the phone's sticky notes bar would cover it.
    fieldset.evaluate("element => element.scrollIntoView({block: 'center'})")
    # The compact row shows its whole question text under the pointer, which moves the answers.
    fieldset.hover()
    stored = fieldset.get_by_role("radio", name=re.compile(r"^\+ "))
    stored.check()
    expect(fieldset.locator(".save-status")).to_have_text(tr("✓ Enregistré"))
    comment = fieldset.get_by_role("textbox")
    comment.fill("")
    not_applicable = fieldset.get_by_role("radio", name=re.compile("^na "))

    not_applicable.check(force=True)  # `check` would insist on seeing it stay checked
    where = tr("Question « %(code)s »") % {"code": CODE}
    message = tr("%(where)s : « na » (non applicable) exige un commentaire.") % {"where": where}
    alert = fieldset.get_by_role("alert")
    expect(alert).to_have_text(f"{tr('Non enregistré :')} {message}")
    expect(stored).to_be_checked()
    expect(not_applicable).not_to_be_checked()
    expect(comment).to_be_visible()
    expect(comment).to_be_focused()
    expect(alert).to_be_in_viewport()
    screenshot(f"grid-refused-na-390-{'compact' if compact else 'detailed'}", full_page=False)

    comment.fill("Aucune activité industrielle.")
    not_applicable.check()
    expect(fieldset.locator(".save-status")).to_have_text(tr("✓ Enregistré"))
    page.reload()
    expect(page.locator(f"#q-{CODE}").get_by_role("radio", name=re.compile("^na "))).to_be_checked()
    expect(page.locator(f"#q-{CODE}").get_by_role("textbox")).to_have_value(
        "Aucune activité industrielle.")
