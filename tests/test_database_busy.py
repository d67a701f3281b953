"""A request behind a held row lock, or running a statement too long, is answered « réessayez »
with nothing half-written (issue « No input within the rules stalls the site »: a held row
lock kept all three workers for 30 s, and people got gunicorn's HTML 500).

PostgreSQL's lock_timeout and statement_timeout are set from the settings (DB_LOCK_TIMEOUT,
DB_STATEMENT_TIMEOUT); SQLite has neither (it queues whole transactions)."""

import threading
from html import unescape

import pytest
from django.db import connection, connections, transaction

from grid.models import Answer
from tests.fixtures import answers_of, url
from tests.grid.views.test_grid import page_form_data
from tests.races import postgresql_only

MESSAGE = ("Le site est très sollicité : votre demande n'a pas abouti et rien n'a été "
           "enregistré. Réessayez dans un instant.")

pytestmark = postgresql_only("lock_timeout and statement_timeout are PostgreSQL's")


class Holder(threading.Thread):
    """Another connection that locks a row and keeps it until told to let go."""

    def __init__(self, queryset):
        super().__init__(daemon=True)
        self.queryset, self.held, self.release = queryset, threading.Event(), threading.Event()

    def run(self):
        try:
            with transaction.atomic():
                list(self.queryset.select_for_update())
                self.held.set()
                self.release.wait(10)
        finally:
            connections.close_all()

    def __enter__(self):
        self.start()
        assert self.held.wait(10)
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.join(10)


@pytest.fixture
def short_timeouts():
    """The settings' bounds, shortened on this connection so that the tests are quick."""
    with connection.cursor() as cursor:
        cursor.execute("SET lock_timeout = '300ms'")
        cursor.execute("SET statement_timeout = '1s'")
    yield
    with connection.cursor() as cursor:
        cursor.execute("RESET lock_timeout")
        cursor.execute("RESET statement_timeout")


def test_every_connection_has_the_settings_timeouts(settings):
    connections.close_all()
    with connection.cursor() as cursor:
        cursor.execute("SHOW lock_timeout")
        lock = cursor.fetchone()[0]
        cursor.execute("SHOW statement_timeout")
        statement = cursor.fetchone()[0]
    assert (lock, statement) == ("3s", "5s")
    assert (settings.DB_LOCK_TIMEOUT, settings.DB_STATEMENT_TIMEOUT) == (3, 5)


def test_an_autosave_behind_a_held_lock_is_told_to_try_again_in_json(
    editor_client, assessment, short_timeouts
):
    answer = assessment.answers.get(question__code="S-1")
    with Holder(type(assessment).objects.filter(pk=assessment.pk)):
        response = editor_client.post(
            url("answer-save", assessment),
            {"kind": "question", "code": "S-1", "value": "++", "comment": "",
             "revision": answer.revision},
            headers={"accept": "application/json"},
        )
    assert response.status_code == 503
    assert response.json() == {"error": MESSAGE}  # the grid's script shows `error`
    assert response["Retry-After"] == "5"
    assert answers_of(assessment)["S-1"] == ("", "")


def test_the_whole_form_waiting_on_one_row_writes_none_and_says_try_again(
    editor_client, assessment, short_timeouts
):
    # S-1 is written first, then 2B-3 waits on the lock another connection holds on it: the
    # transaction is rolled back, S-1 with it.
    data = page_form_data(assessment, **{"S-1-value": "++", "2B-3-value": "+"})
    with Holder(Answer.objects.filter(assessment=assessment, question__code="2B-3")):
        response = editor_client.post(url("grid", assessment), data)
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    assert MESSAGE in unescape(response.content.decode())
    assert set(answers_of(assessment).values()) == {("", "")}


def test_a_statement_that_runs_too_long_is_told_to_try_again(
    editor_client, assessment, short_timeouts, monkeypatch
):
    from grid.views import grid as grid_views

    real = grid_views.selectors.grid_is_compact

    def slow(user):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(3)")
        return real(user)

    monkeypatch.setattr(grid_views.selectors, "grid_is_compact", slow)
    response = editor_client.get(url("grid", assessment))
    assert response.status_code == 503
    assert MESSAGE in unescape(response.content.decode())
