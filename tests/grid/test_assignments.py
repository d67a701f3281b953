"""`grid.services.assignments` and the reads of assignments: who answers what (issue 23)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import MailKind, Notification, OutgoingMail
from clusters.models import Membership
from grid import selectors, services
from grid.models import Assignment, Campaign
from grid.services.assessments import _years_later
from initiatives.models import Section
from tests.fixtures import fill, make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(cluster_a):
    """A second member of cluster A's team."""
    return make_member("equipe-a2", cluster_a, Membership.Role.EDITOR, "Chloé", "Bernard")


def today():
    return timezone.localdate()


def test_an_editor_assigns_a_section_and_the_assignee_is_told(assessment, editor, colleague):
    due = today() + timedelta(days=10)
    assignment = services.assignment_set(assessment=assessment, by=editor, assignee=colleague,
                                         section="1A", due_on=due)
    assert (assignment.section.code, assignment.question, assignment.due_on) == ("1A", None, due)
    assert assignment.assigned_by == editor
    note = Notification.objects.get(user=colleague)
    assert note.kind == MailKind.ASSIGNMENT
    assert note.url.endswith("/2025/grille/#section-1A")
    assert "1A" in note.message
    mail = OutgoingMail.objects.get(recipient=colleague)
    assert "Élise Martin" in mail.text and "1A" in mail.text
    assert assignment.history.count() == 1


def test_assigning_oneself_tells_no_one(assessment, editor):
    services.assignment_set(assessment=assessment, by=editor, assignee=editor, question="1A-1")
    assert not Notification.objects.exists()


def test_a_second_assignment_of_the_same_target_replaces_the_first(assessment, editor,
                                                                    colleague):
    services.assignment_set(assessment=assessment, by=editor, assignee=colleague, question="2B-3")
    services.assignment_set(assessment=assessment, by=editor, assignee=editor, question="2B-3",
                            due_on=today())
    only = Assignment.objects.get()
    assert (only.assignee, only.due_on) == (editor, today())


def test_the_board_assigns_nothing(assessment, board, editor):
    with pytest.raises(ValidationError, match="Seule l'équipe"):
        services.assignment_set(assessment=assessment, by=board, assignee=editor, section="S")
    assert not Assignment.objects.exists()


def test_an_outsider_neither_assigns_nor_is_assigned(assessment, editor, outsider):
    with pytest.raises(ValidationError, match="Seule l'équipe"):
        services.assignment_set(assessment=assessment, by=outsider, assignee=editor, section="S")
    with pytest.raises(ValidationError, match="Olga Petit n'est pas membre de l'équipe"):
        services.assignment_set(assessment=assessment, by=editor, assignee=outsider, section="S")
    assert not Assignment.objects.exists()


def test_a_board_member_is_not_assigned_they_never_answer(assessment, editor, board):
    with pytest.raises(ValidationError, match="n'est pas membre de l'équipe"):
        services.assignment_set(assessment=assessment, by=editor, assignee=board, section="S")


def test_a_past_due_date_is_refused(assessment, editor):
    with pytest.raises(ValidationError, match="déjà passée"):
        services.assignment_set(assessment=assessment, by=editor, assignee=editor, section="S",
                                due_on=today() - timedelta(days=1))
    assert not Assignment.objects.exists()


@pytest.mark.parametrize("target", [{}, {"section": "S", "question": "S-1"}])
def test_a_section_or_a_question_exactly(assessment, editor, target):
    with pytest.raises(ValidationError, match="soit une section, soit une question"):
        services.assignment_set(assessment=assessment, by=editor, assignee=editor, **target)


@pytest.mark.parametrize("target", [{"section": "9Z"}, {"question": "9Z-1"}])
def test_an_unknown_code_is_refused(assessment, editor, target):
    with pytest.raises(ValidationError, match="n'est pas dans la grille"):
        services.assignment_set(assessment=assessment, by=editor, assignee=editor, **target)


def test_the_database_holds_a_section_or_a_question_exactly(assessment, editor, version):
    section = Section.objects.get(code="S")
    question = version.questions.get(code="S-1")
    for target in ({}, {"section": section, "question": question}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Assignment.objects.create(assessment=assessment, assignee=editor, **target)


def test_a_submitted_or_validated_year_is_frozen_with_its_assignments(validated, editor):
    with pytest.raises(ValidationError, match="ne se modifie plus"):
        services.assignment_set(assessment=validated, by=editor, assignee=editor, section="S")


def test_remove_takes_the_assignment_back(assessment, editor, colleague):
    services.assignment_set(assessment=assessment, by=editor, assignee=colleague, section="1A")
    assert services.assignment_remove(assessment=assessment, by=editor, section="1A")
    assert not Assignment.objects.exists()
    assert not services.assignment_remove(assessment=assessment, by=editor, section="1A")


def test_a_question_assigned_on_its_own_overrides_its_section(assessment, editor, colleague):
    services.assignment_set(assessment=assessment, by=editor, assignee=colleague, section="1A")
    services.assignment_set(assessment=assessment, by=editor, assignee=editor, question="1A-2")
    found = selectors.assignments_of(assessment, today())
    first = selectors.question_assignee(found, "1A-1", "1A")
    second = selectors.question_assignee(found, "1A-2", "1A")
    assert (first.name, first.direct) == ("Chloé Bernard", False)
    assert (second.name, second.direct) == ("Élise Martin", True)
    assert selectors.question_assignee(found, "1B-1", "1B") is None


def test_someone_who_left_the_team_answers_nothing_any_more(assessment, editor, colleague):
    services.assignment_set(assessment=assessment, by=editor, assignee=colleague, section="1A")
    Membership.objects.filter(user=colleague).update(role=Membership.Role.BOARD)
    assert selectors.assignments_of(assessment, today()) == {}
    assert selectors.assigned_questions(colleague, [assessment.cluster_id], today()) == []


def test_the_home_list_puts_late_questions_first(assessment, editor, colleague):
    services.assignment_set(assessment=assessment, by=editor, assignee=colleague, section="1A",
                            due_on=today() + timedelta(days=3))
    services.assignment_set(assessment=assessment, by=editor, assignee=colleague,
                            question="2D-1")
    services.assignment_set(assessment=assessment, by=editor, assignee=editor, question="1A-2")
    Assignment.objects.filter(question__code="2D-1").update(due_on=today() - timedelta(days=1))
    fill(assessment, editor, "+", codes=["1A-1"])
    listed = selectors.assigned_questions(colleague, [assessment.cluster_id], today())
    assert [(q.code, q.late, q.answered) for q in listed] == [
        ("2D-1", True, False), ("1A-1", False, True), ("1A-3", False, False)]


def test_opening_next_year_carries_the_assignments(assessment, editor, colleague, version):
    services.assignment_set(assessment=assessment, by=editor, assignee=editor, section="1B")
    services.assignment_set(assessment=assessment, by=editor, assignee=editor, question="S-2")
    services.assignment_set(assessment=assessment, by=editor, assignee=colleague,
                            question="2B-1")
    Assignment.objects.filter(question__code="S-2").update(due_on=today() - timedelta(days=400))
    Membership.objects.filter(user=colleague).delete()
    Campaign.objects.create(year=2026, version=version)
    nxt = services.assessment_start(cluster=assessment.cluster, year=2026, by=editor,
                                    prefill=True)
    carried = {(a.section.code if a.section else a.question.code, a.assignee.username, a.due_on)
               for a in nxt.assignments.select_related("section", "question", "assignee")}
    # The colleague left the team: theirs stays behind; a due date a year on that would be
    # past already is dropped.
    assert carried == {("S-2", "equipe-a", None), ("1B", "equipe-a", None)}


def test_29_february_moves_to_28_february():
    assert _years_later(date(2028, 2, 29), 1) == date(2029, 2, 28)


def test_a_due_date_moves_by_the_years_between(assessment, editor, version):
    due = today() + timedelta(days=30)
    services.assignment_set(assessment=assessment, by=editor, assignee=editor, section="2C",
                            due_on=due)
    Campaign.objects.create(year=2027, version=version)
    nxt = services.assessment_start(cluster=assessment.cluster, year=2027, by=editor,
                                    prefill=True)
    assert nxt.assignments.get().due_on == due.replace(year=due.year + 2)


def test_without_prefill_nothing_is_carried(assessment, editor, version):
    services.assignment_set(assessment=assessment, by=editor, assignee=editor, section="2C")
    Campaign.objects.create(year=2026, version=version)
    nxt = services.assessment_start(cluster=assessment.cluster, year=2026, by=editor,
                                    prefill=False)
    assert not nxt.assignments.exists()
