"""Two first marks of one path step at once, without threads: the other person's mark lands
right after this one has read that the step is not marked (what two marks at once do on
PostgreSQL: tests/plans/test_races.py)."""

from datetime import date

from plans.models import StepReached
from tests.races import after_first_read


def marked_meanwhile(step, *, by, reached_on=date(2025, 1, 10)):
    """Inside the service's transaction here: their row goes when it is undone."""
    return after_first_read("plans_stepreached", lambda: StepReached.objects.create(
        cluster=by.memberships.get().cluster, step=step, reached_on=reached_on, by=by))
