"""Two editors demoting each other at once: the cluster's memberships are locked for the change,
so the second sees the first's result and is refused; the cluster keeps one editor.

Row locks are PostgreSQL's (SQLite queues whole transactions instead: no race to show there).
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from clusters import invitations
from clusters.models import Membership
from tests.fixtures import make_member
from tests.races import finish, postgresql_only, start_and_wait

pytestmark = postgresql_only("row locks are PostgreSQL's")


def test_of_two_editors_demoting_each_other_at_once_one_stays_editor(cluster_a, editor):
    colleague = make_member("equipe-a2", cluster_a, Membership.Role.EDITOR, "Paul", "Roux")

    def demote(person, by):
        return lambda: invitations.role_change(
            membership=Membership.objects.get(user=person, cluster=cluster_a), role="board",
            by=by)

    with transaction.atomic():  # a change in the middle of its work: both queue behind it
        list(Membership.objects.select_for_update().filter(cluster=cluster_a))
        racers = start_and_wait(demote(editor, colleague), demote(colleague, editor))
    finish(racers)
    (loser,) = [racer for racer in racers if racer.error is not None]
    assert isinstance(loser.error, ValidationError)
    assert "la seule personne de l'équipe du pôle" in loser.error.messages[0]
    roles = sorted(Membership.objects.filter(cluster=cluster_a).values_list("role", flat=True))
    assert roles == ["board", "editor"]
