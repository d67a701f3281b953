"""The guide's content in the test databases: loaded once by `loaddata` when the test database is
set up, and written back after each flush of a transactional test (the browser's live server,
the PostgreSQL lock tests) as the rows that first load wrote, instead of `loaddata` again: it
resolves every natural key and saves row by row, about two seconds a test on PostgreSQL."""

from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

# Fixture names (cumulative, in loading order) → [(table, columns, rows)] loaddata wrote.
_written: dict[tuple[str, ...], list[tuple[str, list[str], list[tuple]]]] = {}


def _counts() -> dict[str, int]:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.django_table_names(only_existing=True):
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
            counts[table] = cursor.fetchone()[0]
        return counts


def _rows(table: str) -> tuple[list[str], list[tuple]]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
        return [column[0] for column in cursor.description], cursor.fetchall()


def load_and_keep(*fixtures: str) -> None:
    """`loaddata` of each fixture in turn into the freshly migrated database, keeping what each
    step wrote (content, its history and many-to-many tables) for `write_back`."""
    loaded: tuple[str, ...] = ()
    before = _counts()
    for fixture in fixtures:
        call_command("loaddata", fixture, verbosity=0)
        loaded += (fixture,)
        after = _counts()
        # Rows in tables a migration filled would not come back after a flush: none may change.
        changed = {table for table, count in before.items() if count and after[table] != count}
        assert not changed, f"loaddata wrote into tables the migrations filled: {changed}"
        _written[loaded] = [(table, *_rows(table)) for table, count in after.items()
                            if count and not before[table]]


def write_back(*fixtures: str) -> None:
    """What `loaddata` of `fixtures` wrote at setup, into the emptied database of a transactional
    test: the same rows, ids included, then the id sequences moved past them."""
    quote = connection.ops.quote_name
    written = _written[fixtures]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {quote(written[0][0])}")
        if cursor.fetchone()[0]:  # the first transactional test finds the setup's rows there
            call_command("loaddata", *fixtures, verbosity=0)
            return
        for table, columns, rows in written:
            cursor.executemany(
                f"INSERT INTO {quote(table)} ({', '.join(map(quote, columns))}) "
                f"VALUES ({', '.join(['%s'] * len(columns))})", rows)
        tables = {table for table, _, _ in written}
        models = [model for model in apps.get_models(include_auto_created=True)
                  if model._meta.db_table in tables]
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
