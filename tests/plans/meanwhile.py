"""Two first marks of one path step at once, without threads: the other person's mark lands
right after this one has read that the step is not marked (what two marks at once do on
PostgreSQL: tests/plans/test_races.py)."""

from contextlib import contextmanager
from datetime import date

from django.db import connection

from plans.models import StepReached


@contextmanager
def marked_meanwhile(step, *, by, reached_on=date(2025, 1, 10)):
    """Inside the service's transaction here: their row goes when it is undone."""
    inserted = []

    def insert_theirs(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        reads_steps = sql.split(" FROM ", 1)[-1].startswith('"plans_stepreached"')
        if not inserted and sql.startswith("SELECT") and reads_steps:
            inserted.append(StepReached.objects.create(
                cluster=by.memberships.get().cluster, step=step, reached_on=reached_on, by=by))
        return result

    with connection.execute_wrapper(insert_theirs):
        yield
