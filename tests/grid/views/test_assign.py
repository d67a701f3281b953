"""`grid:assign` (/poles/<slug>/<year>/grille/confier/) and who answers what on the grid."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.utils import timezone

from clusters.models import Membership
from grid import services
from grid.models import Assignment
from tests.fixtures import fill, logged_in, make_member, messages_of, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(cluster_a):
    return make_member("equipe-a2", cluster_a, Membership.Role.EDITOR, "Chloé", "Bernard")


def day(offset: int) -> str:
    return (timezone.localdate() + timedelta(days=offset)).isoformat()


def html_of(response) -> str:
    return unescape(response.content.decode())


def row(html: str, code: str) -> str:
    """The question's fieldset, opening tag and content."""
    start = html.index(f'id="q-{code}"')
    return html[html.rindex("<fieldset", 0, start):html.index("</fieldset>", start)]


def test_an_editor_assigns_a_section_and_goes_back_to_it(editor_client, assessment, colleague):
    response = editor_client.post(url("assign", assessment), {
        "section": "1A", "assignee": colleague.pk, "due_on": day(7), "action": "assign"})
    assert response.status_code == 302
    assert response.url == url("grid", assessment) + "#section-1A"
    assert messages_of(response) == ["1A confiée à Chloé Bernard."]
    assignment = Assignment.objects.get()
    assert (assignment.section.code, assignment.assignee, assignment.due_on.isoformat()) == (
        "1A", colleague, day(7))


def test_the_grid_says_who_answers_what_and_marks_the_readers_rows(
        editor_client, assessment, editor, colleague):
    services.assignment_set(assessment=assessment, by=editor, assignee=colleague, section="1A")
    services.assignment_set(assessment=assessment, by=editor, assignee=editor, question="1A-2",
                            due_on=timezone.localdate())
    services.assignment_set(assessment=assessment, by=editor, assignee=editor, question="S-1")
    services.assignment_set(assessment=assessment, by=editor, assignee=editor, question="S-2")
    services.assignment_set(assessment=assessment, by=editor, assignee=colleague, section="1B")
    Assignment.objects.filter(question__code__in=["S-1", "S-2"]).update(
        due_on=timezone.localdate() - timedelta(days=3))
    Assignment.objects.filter(section__code="1B").update(
        due_on=timezone.localdate() - timedelta(days=3))
    fill(assessment, editor, "+", codes=["S-2", "1B-1", "1B-2"])
    html = html_of(editor_client.get(url("grid", assessment)))
    # Late is work left undone past its date: an answered question, a section all answered, are
    # not.
    assert "en retard" not in row(html, "S-2")
    assert "en retard" not in html[html.index('id="section-1B"'):html.index('id="q-1B-1"')]
    assert "Confiée à Chloé Bernard (avec la section)" in row(html, "1A-1")
    assert 'data-filter-mine' not in row(html, "1A-1")
    assert "Confiée à Élise Martin" in row(html, "1A-2")
    assert 'data-filter-mine' in row(html, "1A-2")
    assert "en retard" in row(html, "S-1") and "en retard" not in row(html, "1A-2")
    assert re.search(r'id="section-1A".*?Confiée à Chloé Bernard', html, re.S)
    assert "mes questions (3)" in html
    assert 'id="assign-q-1A-1"' in html and 'id="assign-section-1A"' in html


def test_the_board_reads_who_answers_but_assigns_nothing(board, assessment, editor, colleague):
    services.assignment_set(assessment=assessment, by=editor, assignee=colleague, section="1A")
    client = logged_in(board)
    html = html_of(client.get(url("grid", assessment)))
    assert "Confiée à Chloé Bernard" in row(html, "1A-1")
    assert "assign-form" not in html and "grille/confier/" not in html
    response = client.post(url("assign", assessment), {
        "section": "1A", "assignee": board.pk, "action": "assign"})
    assert response.status_code == 403
    assert Assignment.objects.get().assignee == colleague


@pytest.mark.parametrize(("data", "why"), [
    ({"section": "1A", "assignee": "99999"}, "pas membre de l'équipe"),
    ({"section": "1A", "assignee": "outsider"}, "pas membre de l'équipe"),
    ({"section": "1A", "assignee": "board"}, "pas membre de l'équipe"),
    ({"section": "1A", "assignee": ""}, "Choisissez la personne"),
    ({"section": "1A", "assignee": "colleague", "due_on": "2025-13-45"}, "Échéance illisible"),
    ({"section": "1A", "assignee": "colleague", "due_on": "demain"}, "Échéance illisible"),
    ({"section": "1A", "assignee": "colleague", "due_on": "past"}, "déjà passée"),
    ({"assignee": "colleague"}, "soit une section, soit une question"),
    ({"section": "1A", "question": "1A-1", "assignee": "colleague"},
     "soit une section, soit une question"),
    ({"section": "9Z", "assignee": "colleague"}, "n'est pas dans la grille"),
    ({"section": "1A", "assignee": "colleague", "action": "tout"}, "Action inconnue"),
])
def test_bad_input_is_refused_with_why_and_kept_as_typed(
        editor_client, assessment, editor, colleague, board, outsider, data, why):
    people = {"colleague": colleague.pk, "outsider": outsider.pk, "board": board.pk}
    data = {"action": "assign", **data}
    data["assignee"] = people.get(data["assignee"], data["assignee"])
    if data.get("due_on") == "past":
        data["due_on"] = day(-1)
    response = editor_client.post(url("assign", assessment), data)
    assert response.status_code == 400
    html = html_of(response)
    assert why in html
    assert not Assignment.objects.exists()
    if data.get("section") == "1A" and "question" not in data:
        # The section's form is open again, as typed, with why beside it.
        form = html[html.index('id="section-1A"'):html.index('id="q-1A-1"')]
        assert "<details class=\"assign-form\" open>" in form
        assert why in form[form.index('role="alert"'):]
        if data.get("due_on"):
            assert f'value="{data["due_on"]}"' in form


def test_a_refused_question_assignment_opens_its_row_in_the_compact_display(
        editor_client, editor, assessment):
    services.grid_display_set(user=editor, compact=True)
    response = editor_client.post(url("assign", assessment), {
        "question": "2B-3", "assignee": "", "action": "assign"})
    html = html_of(response)
    assert '<details class="question-more" open>' in row(html, "2B-3")
    assert "Choisissez la personne" in row(html, "2B-3")


def test_a_frozen_year_takes_no_assignment(editor_client, submitted, editor):
    response = editor_client.post(url("assign", submitted), {
        "section": "1A", "assignee": editor.pk, "action": "assign"})
    assert response.status_code == 400
    assert "ne se modifie plus" in html_of(response)
    assert not Assignment.objects.exists()


def test_remove_takes_it_back(editor_client, assessment, editor, colleague):
    services.assignment_set(assessment=assessment, by=editor, assignee=colleague,
                            question="2B-3")
    response = editor_client.post(url("assign", assessment), {
        "question": "2B-3", "assignee": "", "action": "remove"})
    assert response.url == url("grid", assessment) + "#q-2B-3"
    assert not Assignment.objects.exists()


def test_a_second_assignment_replaces_the_first(editor_client, assessment, editor, colleague):
    for person in (colleague, editor):
        editor_client.post(url("assign", assessment), {
            "question": "2B-3", "assignee": person.pk, "action": "assign"})
    assert Assignment.objects.get().assignee == editor


def test_the_grids_queries_do_not_grow_with_the_assignments(
        editor_client, assessment, editor, colleague, django_assert_num_queries):
    editor_client.get(url("grid", assessment))  # the version's layout, read once
    services.assignment_set(assessment=assessment, by=editor, assignee=colleague, section="1A")
    with django_assert_num_queries(12):
        editor_client.get(url("grid", assessment))
    for section in ("S", "1B", "2B", "2C", "2D"):
        services.assignment_set(assessment=assessment, by=editor, assignee=editor,
                                section=section)
    fill(assessment, editor, "+")
    with django_assert_num_queries(12):
        response = editor_client.get(url("grid", assessment))
    assert response.context["mine_count"] == 31  # S, 1B, 2B, 2C, 2D
