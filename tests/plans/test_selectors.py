"""The reads of the plan and of the path progress: filters, scoping, derived steps, query counts."""

from datetime import date

import pytest
from django.http import Http404

from clusters.access import membership_for
from initiatives.models import PathStep, Sheet
from plans import selectors, services

pytestmark = pytest.mark.django_db


def make(cluster, by, title, **fields):
    return services.action_create(cluster=cluster, by=by, title=title, **fields)


@pytest.fixture
def plan(cluster_a, editor):
    """Four actions of cluster A: one on sheet 12, one on question 2C-3, one late, one done."""
    return {
        "sheet": make(cluster_a, editor, "Sur la fiche 12", sheets=["12"], status="in_progress"),
        "question": make(cluster_a, editor, "Sur la question 2C-3", question_codes=["2C-3"]),
        "late": make(cluster_a, editor, "En retard", due_on=date(2025, 1, 31)),
        "done": make(cluster_a, editor, "Faite", due_on=date(2025, 1, 1), status="done",
                     done_on=date(2025, 2, 1)),
    }


def titles(actions):
    return [action.title for action in actions]


def test_actions_of_filters_by_status_sheet_and_lateness(plan, cluster_a):
    assert len(selectors.actions_of(cluster_a)) == 4
    assert titles(selectors.actions_of(cluster_a, status="in_progress")) == ["Sur la fiche 12"]
    assert titles(selectors.actions_of(cluster_a, sheet="12")) == ["Sur la fiche 12"]
    # Done actions are never late; open ones are, once their day has passed.
    assert titles(selectors.actions_of(cluster_a, overdue=True, today=date(2025, 2, 1))) == [
        "En retard"]
    assert selectors.actions_of(cluster_a, overdue=True, today=date(2025, 1, 31)) == []


def test_actions_of_matches_an_enjeu_through_sheets_and_questions(plan, cluster_a):
    sheet_enjeu = Sheet.objects.select_related("section__enjeu").get(number="12").section.enjeu
    assert sheet_enjeu.code != "C"
    assert titles(selectors.actions_of(cluster_a, enjeu=sheet_enjeu.code)) == ["Sur la fiche 12"]
    assert titles(selectors.actions_of(cluster_a, enjeu="C")) == ["Sur la question 2C-3"]
    assert selectors.actions_of(cluster_a, enjeu="D") == []


def test_actions_of_runs_constant_queries(plan, cluster_a, editor, django_assert_num_queries):
    with django_assert_num_queries(3):  # actions, their sheets, the sections' enjeux
        actions = selectors.actions_of(cluster_a, enjeu="B")
    make(cluster_a, editor, "Une de plus", sheets=["13", "14"], question_codes=["1B-1"])
    with django_assert_num_queries(3):
        more = selectors.actions_of(cluster_a, enjeu="B")
        [(a.owner, list(a.sheets.all())) for a in more]
    assert len(more) >= len(actions)


def test_actions_stay_in_their_cluster(plan, cluster_a, cluster_b, editor, outsider):
    theirs = make(cluster_b, outsider, "Action de B")
    assert theirs not in selectors.actions_of(cluster_a)
    mine = membership_for(editor, cluster_a.slug)
    assert selectors.action_of(mine, plan["late"].pk) == plan["late"]
    with pytest.raises(Http404):
        selectors.action_of(mine, theirs.pk)


def test_actions_by_question(plan, cluster_a, editor, django_assert_num_queries):
    also = make(cluster_a, editor, "Aussi 2C-3", question_codes=["2C-3", "S-1"], status="dropped")
    with django_assert_num_queries(1):
        found = selectors.actions_by_question(cluster_a)
    assert found == {"2C-3": [plan["question"], also], "S-1": [also]}


def env_state(progress, sheet):
    env = next(p for p in progress if p.path.code == "ENV")
    return env, next(s for s in env.steps if s.step.sheet.number == sheet)


def test_a_done_action_reaches_the_steps_of_its_sheet(cluster_a, editor, plan):
    progress = selectors.path_progress(cluster_a)
    assert [p.path.code for p in progress] == ["GOU", "ENV", "RH", "RD", "EXE"]
    env, state = env_state(progress, "12")
    assert not state.reached and state.by_action is None
    services.action_update(action=plan["sheet"], by=editor, status="done",
                           done_on=date(2025, 3, 4))
    env, state = env_state(selectors.path_progress(cluster_a), "12")
    assert state.reached and state.reached_on == date(2025, 3, 4)
    assert state.by_action == plan["sheet"] and state.explicit is None
    # Sheet 12 is one of two options of its step: the step counts once, and so is reached.
    assert env.reached_count == 1 and env.total == 7
    assert env.next_step.step.step == 1


def test_marked_steps_and_the_next_one(cluster_a, editor):
    first = PathStep.objects.filter(path__code="ENV", step=1).get()
    services.step_reach(cluster=cluster_a, step=first, by=editor, reached_on=date(2025, 1, 2),
                        note="En CA")
    env = selectors.path_position(cluster_a, "env")
    assert env.steps[0].reached and env.steps[0].explicit.note == "En CA"
    assert env.steps[0].reached_on == date(2025, 1, 2) and env.steps[0].note == "En CA"
    assert env.next_step.step.step == 2
    assert (env.reached_count, env.total) == (1, 7)
    # The other paths are untouched.
    assert selectors.path_position(cluster_a, "gou").reached_count == 0


def test_path_progress_runs_constant_queries(cluster_a, editor, plan,
                                             django_assert_num_queries):
    services.action_update(action=plan["sheet"], by=editor, status="done")
    selectors.path_progress(cluster_a)  # reads the paths and their steps once (kept)
    with django_assert_num_queries(3):  # the last content edit, marks, done actions by sheet
        selectors.path_progress(cluster_a)
    for step in PathStep.objects.filter(path__code="RH")[:4]:
        services.step_reach(cluster=cluster_a, step=step, by=editor, reached_on=date(2025, 1, 2))
        make(cluster_a, editor, f"Fiche {step.sheet.number}", sheets=[step.sheet.number],
             status="done")
    with django_assert_num_queries(3):
        progress = selectors.path_progress(cluster_a)
    assert next(p for p in progress if p.path.code == "RH").reached_count >= 1
