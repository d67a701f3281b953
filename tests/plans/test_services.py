"""The writes of the plan: one rule set, French messages, nothing stored when refused."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from clusters.models import Membership
from initiatives.models import PathStep
from plans import services
from plans.models import COMMENT_MAX_LENGTH, NOTES_MAX_LENGTH, Action, ActionComment, StepReached
from plans.presenters import action_conflict
from tests.fixtures import make_member
from tests.plans.meanwhile import marked_meanwhile

pytestmark = pytest.mark.django_db


def refused(**fields) -> list[str]:
    with pytest.raises(ValidationError) as error:
        services.action_create(**fields)
    return error.value.messages


@pytest.fixture
def base(cluster_a, editor):
    return {"cluster": cluster_a, "by": editor, "title": "Bilan carbone du pôle"}


def test_an_action_is_stored_with_its_sheets_codes_and_numbers(base, board):
    action = services.action_create(**base, sheets=["12", "13"], question_codes=["2C-3", "2C-3"],
                                    owner=board, target="12.5", baseline="", status="in_progress")
    assert sorted(action.sheets.values_list("number", flat=True)) == ["12", "13"]
    assert action.question_codes == ["2C-3"]
    assert action.target == Decimal("12.5") and action.baseline is None
    assert action.owner == board and action.done_on is None
    assert {r.history_user for r in action.history.all()} == {base["by"]}


def test_dates_in_the_wrong_order_are_refused(base):
    messages = refused(**base, starts_on=date(2025, 6, 1), due_on=date(2025, 5, 1))
    assert messages == ["L'échéance (01/05/2025) précède le début (01/06/2025)."]
    assert not Action.objects.exists()


@pytest.mark.parametrize(("value", "shown"),
                         [("douze", "douze"), ("1,5", "1,5"), ("NaN", "NaN"), ("1e20", "1E+20")])
def test_a_target_that_is_not_a_number_is_refused(base, value, shown):
    assert refused(**base, target=value) == [f"La valeur « {shown} » n'est pas un nombre admis."]
    assert not Action.objects.exists()


@pytest.mark.parametrize("value", [
    "999999999999.995",  # passes the bound, but 1,000,000,000,000.00 once rounded to the column
    "1e-999999999",  # a number, rounded to 0.00 in silence (PostgreSQL refuses it: a 500)
    "12.345",
])
def test_a_number_with_more_decimals_than_kept_is_refused(base, value):
    shown = str(Decimal(value))
    assert refused(**base, target=value) == [
        f"La valeur « {shown} » a plus de 2 décimales : arrondissez-la."]
    assert not Action.objects.exists()


def test_numbers_are_stored_as_the_column_keeps_them(base):
    action = services.action_create(**base, target="12.500", baseline="0E-1000000000",
                                    measured="999999999999.99")
    action.refresh_from_db()
    assert (action.target, action.baseline, action.measured) == (
        Decimal("12.5"), Decimal(0), Decimal("999999999999.99"))


def test_a_nul_in_the_sheets_is_named_and_never_reaches_the_database(base):
    # PostgreSQL's driver refuses a NUL in a query: it was a 500.
    with CaptureQueriesContext(connection) as queries:
        assert refused(**base, sheets=["12\x00", "1" * 5000]) == [
            f"Fiche inconnue : « 12U+0000 », « {'1' * 29}… »."]
    assert not any("\x00" in query["sql"] for query in queries.captured_queries)
    assert not Action.objects.exists()


def test_unknown_sheets_and_questions_are_named_each_on_its_field(base):
    with pytest.raises(ValidationError) as error:
        services.action_create(**base, sheets=["12", "99"], question_codes=["2C-3", "9Z-9"])
    assert error.value.message_dict == {
        "question_codes": ["Question absente de la grille du pôle : « 9Z-9 »."],
        "sheets": ["Fiche inconnue : « 99 »."]}
    assert not Action.objects.exists()


def test_the_owner_must_be_a_member_of_the_cluster(base, outsider):
    assert refused(**base, owner=outsider) == ["Le responsable doit être membre du pôle."]


def test_a_blank_title_or_control_characters_are_refused(base):
    assert refused(**{**base, "title": "  "}) == ["Donnez un intitulé à l'action."]
    messages = refused(**{**base, "title": "Bilan\x07"})
    assert messages == ["L'intitulé contient un caractère invisible interdit (U+0007) : "
                        "retirez-le."]


def test_done_keeps_its_day_and_reopening_clears_it(base):
    action = services.action_create(**base)
    action = services.action_update(action=action, by=base["by"], status="done")
    assert action.done_on == timezone.localdate()
    action = services.action_update(action=action, by=base["by"], status="done",
                                    done_on=date(2025, 3, 1))
    assert action.done_on == date(2025, 3, 1)
    action = services.action_update(action=action, by=base["by"], title="Bilan carbone 2025")
    assert action.done_on == date(2025, 3, 1)
    action = services.action_update(action=action, by=base["by"], status="in_progress")
    assert action.done_on is None


def test_an_update_refused_changes_nothing(base):
    action = services.action_create(**base, due_on=date(2025, 5, 1))
    with pytest.raises(ValidationError):
        services.action_update(action=action, by=base["by"], starts_on=date(2025, 6, 1),
                               title="Autre")
    action.refresh_from_db()
    assert action.title == base["title"] and action.starts_on is None
    assert action.history.count() == 1


# --- two people editing one action: no edit lost in silence ---


@pytest.fixture
def colleague(cluster_a):
    return make_member("equipe-a2", cluster_a, Membership.Role.EDITOR, "Paul", "Roux")


def test_each_update_moves_the_revision(base):
    action = services.action_create(**base)
    assert action.revision == 0
    action = services.action_update(action=action, by=base["by"], revision=0, title="Autre")
    assert action.revision == 1
    action.refresh_from_db()
    assert action.revision == 1


def test_a_stale_update_is_refused_and_the_colleagues_change_kept(base, colleague):
    action = services.action_create(**base, sheets=["12"], measured="90")
    seen = action.revision
    services.action_update(action=action, by=colleague, revision=seen, measured="70",
                           sheets=["12", "13"], title="Bilan carbone 2026")
    with pytest.raises(services.StaleAction) as stale:
        services.action_update(action=action, by=base["by"], revision=seen, measured="85",
                               notes="Mes notes")
    assert stale.value.revision == seen
    assert stale.value.current.title == "Bilan carbone 2026"
    action.refresh_from_db()
    assert (action.title, action.measured, action.notes) == (
        "Bilan carbone 2026", Decimal("70"), "")
    assert action.revision == seen + 1
    # Once shown the colleague's version, the person knowingly replaces it.
    services.action_update(action=action, by=base["by"], revision=seen + 1, measured="85")
    action.refresh_from_db()
    assert (action.title, action.measured, action.revision) == (
        "Bilan carbone 2026", Decimal("85"), seen + 2)


def test_the_refusal_says_who_changed_what_and_when(base, colleague):
    action = services.action_create(**base, sheets=["12"], measured="90")
    services.action_update(action=action, by=colleague, revision=0, measured="70",
                           sheets=["12", "13"], title="Bilan carbone 2026")
    conflict = action_conflict(Action.objects.get(pk=action.pk), 0)
    assert conflict.people == ["Paul Roux"]
    assert conflict.at == action.history.latest("history_date").history_date
    assert [(c.field, c.old, c.new) for c in conflict.changes] == [
        ("Intitulé", "Bilan carbone du pôle", "Bilan carbone 2026"),
        ("Valeur mesurée", "90", "70"),
        ("Fiches", "12", "12, 13"),
    ]


def test_comments_are_bounded_and_clean(base, board):
    action = services.action_create(**base)
    with pytest.raises(ValidationError, match="dépasse 2000 caractères"):
        services.action_comment_add(action=action, by=board, text="x" * (COMMENT_MAX_LENGTH + 1))
    with pytest.raises(ValidationError, match="caractère invisible"):
        services.action_comment_add(action=action, by=board, text="Vu\x00")
    with pytest.raises(ValidationError, match="vide"):
        services.action_comment_add(action=action, by=board, text=" \r\n ")
    assert not ActionComment.objects.exists()
    comment = services.action_comment_add(action=action, by=board, text=" Vu en CA.\r\n ")
    assert comment.text == "Vu en CA."


@pytest.fixture
def step(db):
    return PathStep.objects.select_related("sheet").filter(path__code="ENV").order_by(
        "step", "option").first()


def test_a_step_is_marked_changed_and_unmarked_with_history(cluster_a, editor, step):
    row = services.step_reach(cluster=cluster_a, step=step, by=editor,
                              reached_on=date(2025, 1, 15), note=" Fait en CA ")
    assert (row.reached_on, row.note, row.by) == (date(2025, 1, 15), "Fait en CA", editor)
    services.step_reach(cluster=cluster_a, step=step, by=editor, reached_on=date(2025, 2, 1))
    assert StepReached.objects.get().reached_on == date(2025, 2, 1)
    services.step_unreach(cluster=cluster_a, step=step, by=editor)
    assert not StepReached.objects.exists()
    assert [r.history_type for r in StepReached.history.order_by("history_date")] == [
        "+", "~", "-"]
    assert {r.history_user for r in StepReached.history.all()} == {editor}


def test_a_step_is_not_reached_in_the_future_nor_with_a_bad_note(cluster_a, editor, step):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError, match="dans le futur"):
        services.step_reach(cluster=cluster_a, step=step, by=editor, reached_on=tomorrow)
    with pytest.raises(ValidationError, match="date"):
        services.step_reach(cluster=cluster_a, step=step, by=editor, reached_on=None)
    with pytest.raises(ValidationError, match="La note dépasse"):
        services.step_reach(cluster=cluster_a, step=step, by=editor, reached_on=date(2025, 1, 1),
                            note="x" * (NOTES_MAX_LENGTH + 1))
    with pytest.raises(ValidationError, match="caractère invisible"):
        services.step_reach(cluster=cluster_a, step=step, by=editor, reached_on=date(2025, 1, 1),
                            note="a\x1b")
    assert not StepReached.objects.exists()


def test_a_first_mark_made_at_the_same_time_as_anothers_says_whose_is_kept(
        cluster_a, editor, step, colleague):
    # The second of two first marks ended in an IntegrityError (500).
    with marked_meanwhile(step, by=colleague), pytest.raises(ValidationError) as error:
        services.step_reach(cluster=cluster_a, step=step, by=editor,
                            reached_on=date(2025, 2, 1), note="Vu en CA")
    assert error.value.messages == [
        "Paul Roux vient de marquer cette étape atteinte le 10/01/2025 : votre marque n'a pas "
        "été enregistrée. Changez sa date ou sa note si besoin."
    ]
