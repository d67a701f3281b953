"""Two people writing one action at once: the action's row lock makes the second wait for the
first to commit, then see its revision, so that nothing is overwritten in silence. Two reminder
runs at once: the second waits on the first's claims, then sends nothing.

Row locks are PostgreSQL's (SQLite queues whole transactions instead: no race to show there).
"""

from datetime import date

from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction

from clusters.models import Membership
from initiatives.models import PathStep
from plans import services
from plans.models import Action, ActionReminder, StepReached
from plans.reminders import send_reminders
from tests.fixtures import make_member
from tests.races import finish, postgresql_only, start_and_wait

pytestmark = postgresql_only("row locks are PostgreSQL's")


def test_of_two_saves_of_one_revision_the_second_is_refused(cluster_a, editor):
    # Two people opened the action at revision 0 and save at once.
    colleague = make_member("equipe-a2", cluster_a, Membership.Role.EDITOR, "Paul", "Roux")
    action = services.action_create(cluster=cluster_a, by=editor, title="Bilan carbone")

    def save(by, title):
        return lambda: services.action_update(action=Action.objects.get(pk=action.pk), by=by,
                                              revision=0, title=title)

    with transaction.atomic():  # a writer in the middle of its work: both queue behind it
        Action.objects.select_for_update().get(pk=action.pk)
        racers = start_and_wait(save(editor, "Le mien"), save(colleague, "Le sien"))
    finish(racers)
    (winner,) = [racer for racer in racers if racer.error is None]
    (loser,) = [racer for racer in racers if racer.error is not None]
    assert isinstance(loser.error, services.StaleAction)
    assert loser.error.current.title == winner.result.title
    stored = Action.objects.get(pk=action.pk)
    assert (stored.title, stored.revision) == (winner.result.title, 1)


def test_of_two_first_marks_of_one_step_at_once_the_second_is_told_whose_is_kept(
        cluster_a, editor):
    # The second ended in an IntegrityError (500).
    colleague = make_member("equipe-a2", cluster_a, Membership.Role.EDITOR, "Paul", "Roux")
    step = PathStep.objects.filter(path__code="ENV").order_by("step", "option").first()
    with transaction.atomic():  # the first mark, in the middle of its work: not committed
        services.step_reach(cluster=cluster_a, step=step, by=editor,
                            reached_on=date(2025, 1, 10), note="Vu en CA")
        racers = start_and_wait(lambda: services.step_reach(
            cluster=cluster_a, step=step, by=colleague, reached_on=date(2025, 2, 1)))
    (second,) = finish(racers)
    assert isinstance(second.error, ValidationError)
    assert second.error.messages[0].startswith(
        "Élise Martin vient de marquer cette étape atteinte le 10/01/2025")
    row = StepReached.objects.get(cluster=cluster_a, step=step)
    assert (row.reached_on, row.note, row.by) == (date(2025, 1, 10), "Vu en CA", editor)


def test_of_two_reminder_runs_at_once_only_the_first_sends(cluster_a, editor):
    # The first run, in the middle of its work, has claimed both actions: one never reminded
    # (its new row holds the unique key), one reminded a week ago (its row is locked).
    today = date(2026, 12, 4)
    new = services.action_create(cluster=cluster_a, by=editor, title="Bilan carbone",
                                 due_on=date(2026, 12, 1))
    old = services.action_create(cluster=cluster_a, by=editor, title="Charte achats",
                                 due_on=date(2026, 11, 30))  # claimed first: waits on the lock
    ActionReminder.objects.create(action=old, sent_on=date(2026, 11, 27))
    with transaction.atomic():
        ActionReminder.objects.create(action=new, sent_on=today)
        ActionReminder.objects.filter(action=old).update(sent_on=today)
        racers = start_and_wait(lambda: send_reminders(today))
    (second,) = finish(racers)
    assert second.error is None and second.result == []
    assert mail.outbox == []
