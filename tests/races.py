"""Writers racing on PostgreSQL's row locks: each racer runs one call on its own connection,
the test holds a lock (or an uncommitted row) they queue behind, then lets them go. And the same
conflict without threads, on any database: `after_first_read`."""

import threading
import time
from contextlib import contextmanager

import pytest
from django.db import connection, connections


def postgresql_only(reason: str) -> list:
    """The marks of a module that needs PostgreSQL's locks: transactional tests (its writers
    run on connections of their own), the guide's content loaded, skipped on other databases."""
    return [
        pytest.mark.django_db(transaction=True),
        pytest.mark.skipif(connection.vendor != "postgresql", reason=reason),
        pytest.mark.usefixtures("guide_content"),
    ]


class Racer(threading.Thread):
    """Runs one service call on its own connection; keeps what it returned or raised."""

    def __init__(self, call):
        super().__init__(daemon=True)
        self.call, self.result, self.error = call, None, None

    def run(self):
        try:
            self.result = self.call()
        except Exception as error:  # noqa: BLE001 - the test reads it
            self.error = error
        finally:
            connections.close_all()


def waiting_on_locks() -> int:
    with connection.cursor() as cursor:
        # Statistics views are read once per transaction unless the snapshot is dropped.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
            "AND datname = current_database()"
        )
        return cursor.fetchone()[0]


def wait_until_waiting(count: int, racers) -> None:
    """Until `count` racers wait on a lock, or one of them has finished (the bug)."""
    deadline = time.monotonic() + 10
    while waiting_on_locks() < count and all(r.is_alive() for r in racers):
        assert time.monotonic() < deadline, "the racers neither waited nor finished"
        time.sleep(0.01)


def start_and_wait(*calls) -> list[Racer]:
    """Start the calls and return once all of them wait on a lock the caller holds."""
    racers = [Racer(call) for call in calls]
    for racer in racers:
        racer.start()
    wait_until_waiting(len(racers), racers)
    return racers


def finish(racers) -> list[Racer]:
    for racer in racers:
        racer.join(10)
    return racers


@contextmanager
def after_first_read(table: str, write):
    """Run `write()` right after the first query that reads `table` (as its main table): another
    person's write landing between a service's read and its own write. It runs inside the
    caller's transaction, so it is undone with it. Yields the list that gets what it returned."""
    written = []

    def wrapper(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        reads = sql.startswith("SELECT") and sql.split(" FROM ", 1)[-1].startswith(f'"{table}"')
        if reads and not written:
            written.append(write())
        return result

    with connection.execute_wrapper(wrapper):
        yield written
