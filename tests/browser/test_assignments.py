"""Who answers what (issue #23), on a phone in French and in English: the team's editor assigns
section 1A to a colleague with a due date (a past one first, refused); the colleague logs in,
finds its questions on their home page, opens the grid there and keeps to « mes questions »."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import formats, timezone, translation
from playwright.sync_api import expect

from clusters.models import Cluster, Membership
from clusters.services import membership_add
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GRID = "/poles/pole-littoral-durable/2025/grille/"
WIDE, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}


def test_an_editor_assigns_a_section_and_the_assignee_finds_it(
    demo_site, page, axe, tr, screenshot
):
    base = demo_site.url
    colleague = get_user_model().objects.create_user(
        "equipe2", password="demo", first_name="Chloé", last_name="Bernard")
    membership_add(cluster=Cluster.objects.get(slug="pole-littoral-durable"), user=colleague,
                   role=Membership.Role.EDITOR)
    due = timezone.localdate() + timedelta(days=10)

    page.set_viewport_size(PHONE)
    log_in(page, base, "equipe", then=GRID)
    heading = page.locator("section[aria-labelledby=section-1A] .grid-section-head > .assignment")
    heading.locator("summary").click()
    heading.get_by_label(tr("Confier à")).select_option(label="Chloé Bernard")
    # A due date already past: refused, the form open again as typed, why beside it.
    past = (timezone.localdate() - timedelta(days=1)).isoformat()
    heading.get_by_label(tr("Échéance (facultative)")).fill(past)
    heading.get_by_role("button", name=tr("Confier"), exact=True).click()
    alert = heading.get_by_role("alert")
    expect(alert).to_contain_text(
        tr("L'échéance est déjà passée : choisissez aujourd'hui ou une date à venir."))
    expect(alert).to_be_in_viewport()
    expect(heading.get_by_label(tr("Confier à"))).to_be_focused()
    expect(heading.get_by_label(tr("Échéance (facultative)"))).to_have_value(past)
    assert axe() == []
    screenshot("assign-refused-390", full_page=False)
    heading.get_by_label(tr("Échéance (facultative)")).fill(due.isoformat())
    screenshot("assign-form-390", full_page=False)
    heading.get_by_role("button", name=tr("Confier"), exact=True).click()
    expect(page).to_have_url(base + GRID + "#section-1A")
    expect(page.get_by_text(tr("%(code)s confiée à %(name)s.") % {
        "code": "1A", "name": "Chloé Bernard"})).to_be_visible()
    row = page.locator("#q-1A-2")
    expect(row.locator(".assignee")).to_contain_text(
        tr("Confiée à %(name)s (avec la section)") % {"name": "Chloé Bernard"})
    assert axe() == []
    page.set_viewport_size(WIDE)
    page.locator("#section-1A").scroll_into_view_if_needed()
    screenshot("assign-grid-1280", full_page=False)

    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    log_in(page, base, "equipe2", then=None)
    listed = page.locator(".assigned-year", has_text="Pôle Littoral Durable")
    expect(listed.locator("a")).to_have_text(["1A-1", "1A-2", "1A-3"])
    with translation.override(tr.language):
        day = formats.date_format(due, "SHORT_DATE_FORMAT")
    expect(listed).to_contain_text(tr("échéance le %(day)s") % {"day": day})
    assert axe() == []
    listed.scroll_into_view_if_needed()
    screenshot("assign-home-390", full_page=False)
    page.set_viewport_size(WIDE)
    screenshot("assign-home-1280")
    page.set_viewport_size(PHONE)

    listed.get_by_role("link", name="1A-1").click()
    expect(page).to_have_url(base + GRID + "#q-1A-1")
    filters = page.get_by_role("group", name=tr("Afficher seulement les questions"))
    mine = filters.get_by_role("checkbox", name=tr("mes questions (%(count)s)") % {"count": 3})
    mine.scroll_into_view_if_needed()
    mine.check()
    expect(filters.get_by_role("status")).to_contain_text(
        tr("Questions affichées : %(shown)s sur %(total)s") % {"shown": 3, "total": 41})
    expect(page.locator("fieldset.question:visible")).to_have_count(3)
    expect(page.locator("#q-S-1")).to_be_hidden()
    expect(page.locator("#q-1A-3")).to_be_visible()
    assert axe() == []
    screenshot("assign-mine-390", full_page=False)
    mine.uncheck()
    expect(page.locator("#q-S-1")).to_be_visible()
