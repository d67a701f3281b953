import copy
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings
from django.utils import translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from initiatives.guide_import.seed import Seed
from initiatives.kept import forget
from tests import content
from tests.fixtures import *  # noqa: F403 - the people and assessments every app's tests use
from tests.strict_templates import Unresolved

# Properties are about results, not speed (bench/ measures speed): no deadline per example nor
# « slow generation » check, which fail on a loaded CI machine (a 200 ms example at load 10).
hypothesis_settings.register_profile(
    "project", deadline=None, suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.load_profile("project")

SEED_PATH = settings.BASE_DIR / "fixtures" / "sources" / "guide-cgdd-2012.txt"


def _unbounded(cursor):
    cursor.execute("SET statement_timeout = 0")


def pytest_configure(config):
    """Creating and dropping a test database on PostgreSQL runs without the site's statement
    timeout (DB_STATEMENT_TIMEOUT, 5 s): both wait for a checkpoint, which a loaded machine can
    take longer than that to write, and a database left behind stops the next run."""
    from django.db.backends.postgresql.creation import DatabaseCreation

    create = DatabaseCreation._execute_create_test_db

    def create_unbounded(self, cursor, parameters, keepdb=False):
        _unbounded(cursor)  # the same session then drops a database left by an earlier run
        return create(self, cursor, parameters, keepdb)

    def destroy_unbounded(self, test_database_name, verbosity):
        with self._nodb_cursor() as cursor:
            _unbounded(cursor)
            cursor.execute(f"DROP DATABASE {self.connection.ops.quote_name(test_database_name)}")

    DatabaseCreation._execute_create_test_db = create_unbounded
    DatabaseCreation._destroy_test_db = destroy_unbounded


@pytest.fixture(autouse=True)
def site_language():
    """Each test starts in the site's language: the test client's last request leaves the
    language it was served in active in the thread, for whatever test the process runs next."""
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session")
def guide_seed() -> Seed:
    """The guide's text, kept in the repository beside the fixture it generates."""
    assert SEED_PATH.is_file(), f"the guide's text is missing: {SEED_PATH}"
    return Seed.read(Path(SEED_PATH))


@pytest.fixture(scope="session", autouse=True)
def strict_templates():
    """A variable that does not resolve, printed by one of the project's templates, fails the
    test (tests/strict_templates.py)."""
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["OPTIONS"]["string_if_invalid"] = Unresolved()
    with override_settings(TEMPLATES=templates):
        yield


@pytest.fixture(scope="session")
def evidence_folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("evidence")


@pytest.fixture(scope="session", autouse=True)
def evidence_storage(evidence_folder):
    """Evidence files of the tests go to a temporary folder, not to var/evidence/."""
    storages = {**settings.STORAGES, "evidence": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(evidence_folder)}}}
    with override_settings(STORAGES=storages):
        yield


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings, tmp_path_factory, request):
    """On SQLite, with the browser tests, the test database is a file, not Django's shared
    in-memory database: the live server's threads then wait for each other's write lock
    (SQLite's busy timeout) instead of failing at once with « database table is locked » (the
    shared cache's table locks). Without them, memory is faster."""
    database = settings.DATABASES["default"]
    browser = any(item.get_closest_marker("browser") for item in request.session.items)
    if database["ENGINE"] == "django.db.backends.sqlite3" and browser:
        name = tmp_path_factory.mktemp("database") / "test.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(name)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the guide's content, as `make run` loads it."""
    with django_db_blocker.unblock():
        content.load_and_keep("guide", "experiences")


@pytest.fixture
def guide_content(transactional_db):
    """Transactional tests start from an empty database: load the guide's content."""
    content.write_back("guide")


@pytest.fixture(autouse=True)
def fresh_content_cache():
    """Each test reads the guide's content from its own database, not from what an earlier test
    made of it (kept per process, initiatives.kept), nor figures cached from another test's
    rows (database ids come back after a rollback)."""
    forget()
    cache.clear()
    yield
    forget()
