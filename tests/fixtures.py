"""The people of the cluster pages, and assessments built the way the app builds them (pytest
fixtures, registered by tests/conftest.py, and the helpers tests import).

Cluster A has its staff (`editor`, the owner) and its board (`board`); `outsider` is on the staff of
cluster B only; `anonymous` is not logged in. Writes go through `grid.services` (the only writer),
so fixtures exercise the same rules as the pages.
"""

import re
from contextlib import contextmanager

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from clusters.models import Cluster, Membership
from clusters.services import membership_add
from grid import rules, services
from grid.demo import CONTENT_APPS
from grid.models import Campaign, GridVersion
from grid.scoring import AnswerValue
from initiatives.kept import forget

PASSWORD = "mot-de-passe-de-test"  # noqa: S105 - test accounts
GRID = "cgdd-2012"
STRATEGY_CODES = ("S-1", "S-2", "S-3", "S-4")


@pytest.fixture(scope="session", autouse=True)
def fast_password_hasher():
    """Hashing with the production hasher would make every user a tenth of a second (users
    made by module-scoped fixtures too)."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


def fresh_content():
    """Forget what was made of another database state (as conftest's fresh_content_cache)."""
    forget()
    cache.clear()


@contextmanager
def built_once(django_db_blocker):
    """For rows a module's tests only read (a module-scoped fixture): built inside a
    transaction rolled back after the module; each test's own writes roll back after it (its
    savepoint), so the next test finds the rows as built."""
    with django_db_blocker.unblock(), transaction.atomic():
        fresh_content()  # nothing kept from another test's rows
        yield
        transaction.set_rollback(True)
    fresh_content()


# --- clusters and people ---


def new_cluster_a():
    return Cluster.objects.create(name="Pôle Alpha Maritime", slug="pole-alpha")


@pytest.fixture
def cluster_a(db):
    return new_cluster_a()


@pytest.fixture
def cluster_b(db):
    return Cluster.objects.create(name="Pôle Bêta Forestier", slug="pole-beta")


def make_member(username, cluster, role, first_name, last_name):
    user = get_user_model().objects.create_user(
        username, email=f"{username}@example.org", password=PASSWORD, first_name=first_name,
        last_name=last_name,
    )
    membership_add(cluster=cluster, user=user, role=role)
    return user


def new_editor(cluster_a):
    return make_member("equipe-a", cluster_a, Membership.Role.EDITOR, "Élise", "Martin")


def new_board(cluster_a):
    return make_member("conseil-a", cluster_a, Membership.Role.BOARD, "Bruno", "Durand")


@pytest.fixture
def editor(cluster_a):
    """Staff of cluster A: fills its grid (the owner of every page of A)."""
    return new_editor(cluster_a)


@pytest.fixture
def board(cluster_a):
    """Board member of cluster A: reads, validates, returns, reopens."""
    return new_board(cluster_a)


@pytest.fixture
def outsider(cluster_b):
    """Staff of cluster B, a stranger to cluster A."""
    return make_member("equipe-b", cluster_b, Membership.Role.EDITOR, "Olga", "Petit")


def new_coordinator():
    user = get_user_model().objects.create_user(
        "reseau-test", email="reseau-test@example.org", password=PASSWORD, first_name="Nadia",
        last_name="Réseau",
    )
    user.groups.add(Group.objects.get_or_create(name="network")[0])
    return user


@pytest.fixture
def coordinator(db):
    """A network coordinator (group `network`): a member of no cluster."""
    return new_coordinator()


@pytest.fixture
def content_admin(db):
    """Staff with the content permissions, as the demo's `admin`: a member of no cluster."""
    user = get_user_model().objects.create_user(
        "contenus", email="contenus@example.org", password=PASSWORD, first_name="Carole",
        last_name="Contenus", is_staff=True,
    )
    group = Group.objects.get_or_create(name="content-admin")[0]
    group.permissions.set(Permission.objects.filter(content_type__app_label__in=CONTENT_APPS))
    user.groups.add(group)
    return user


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(editor):
    return logged_in(editor)


@pytest.fixture
def board_client(board):
    return logged_in(board)


@pytest.fixture
def outsider_client(outsider):
    return logged_in(outsider)


@pytest.fixture
def anonymous(db):
    return Client()


# --- campaigns and assessments ---


@pytest.fixture
def version(db):
    return GridVersion.objects.get(code=GRID)


@pytest.fixture
def campaign_2025(version):
    return Campaign.objects.create(year=2025, version=version)


@pytest.fixture
def campaign_2024(version):
    return Campaign.objects.create(year=2024, version=version)


@pytest.fixture
def assessment(cluster_a, editor, campaign_2025):
    """Cluster A's 2025 grid, just opened by its staff: 41 blank answers."""
    return services.assessment_start(cluster=cluster_a, year=2025, by=editor, prefill=False)


def validated_year():
    """What the `validated` fixture gives, for a module-scoped fixture (built_once)."""
    cluster = new_cluster_a()
    editor, board = new_editor(cluster), new_board(cluster)
    Campaign.objects.create(year=2025, version=GridVersion.objects.get(code=GRID))
    assessment = fill(services.assessment_start(cluster=cluster, year=2025, by=editor,
                                                prefill=False), editor)
    services.assessment_submit(assessment=assessment, by=editor)
    return services.assessment_validate(assessment=assessment, by=board, comment="Vu en CA.")


def fill(assessment, by, value="++", *, codes=None, answers=None, comments=None):
    """Answer in one save, as the grid's whole-form post does (`services.answers_update`, the
    rules of every writer): `value` everywhere (or on `codes`), `answers` wins."""
    answers, comments = answers or {}, comments or {}
    revisions = {}
    for code, revision in assessment.answers.values_list("question__code", "revision"):
        if codes is None or code in codes or code in answers:
            revisions[code] = revision
    services.answers_update(
        assessment=assessment, by=by, custom={}, revisions=revisions, all_or_nothing=True,
        answers={code: AnswerValue(answers.get(code, value) or None,
                                   rules.normalise_text(comments.get(code, "")))
                 for code in revisions},
    )
    return assessment


def set_custom(assessment, by, enjeu, *, label, level, bareme, value):
    row = assessment.custom_answers.get(enjeu__code=enjeu)
    return services.custom_answer_save(
        assessment=assessment, enjeu=enjeu, label=label, level=level, bareme=bareme,
        value=value, revision=row.revision, by=by,
    )


@pytest.fixture
def filled(assessment, editor):
    """Cluster A's 2025 grid, complete: every answer « ++ »."""
    return fill(assessment, editor)


@pytest.fixture
def submitted(filled, editor):
    return services.assessment_submit(assessment=filled, by=editor)


@pytest.fixture
def validated(submitted, board):
    return services.assessment_validate(assessment=submitted, by=board, comment="Vu en CA.")


# --- URLs ---


REPORT_URLS = {"results", "evolution", "report", "report-retry", "export-json", "export-csv",
               "export-xlsx"}
WORKSPACE_URLS = {"cluster-list", "cluster-detail", "cluster-profile", "assessment-start"}


def url(name, assessment=None, *, slug=None, year=None):
    """`grid:<name>` (or `reports:` / `workspace:<name>` for their pages) for an assessment, or
    for a slug (and year)."""
    if assessment is not None:
        slug, year = assessment.cluster.slug, assessment.campaign.year
    args = [arg for arg in (slug, year) if arg is not None]
    namespace = ("reports" if name in REPORT_URLS
                 else "workspace" if name in WORKSPACE_URLS else "grid")
    return reverse(f"{namespace}:{name}", args=args)


def login_url(next_url):
    return f"{reverse('login')}?next={next_url}"


def assert_hidden_from_outsider(response, cluster):
    """404, and not a word of the cluster: its existence is not even confirmed."""
    assert response.status_code == 404
    html = response.content.decode()
    assert cluster.name not in html
    assert "Alpha" not in html


def assert_only_own_assets(html: str) -> None:
    """Every script and style sheet of a page is the app's own (no CDN: it works offline)."""
    assert all(src.startswith("/static/")
               for src in re.findall(r'<script[^>]* src="([^"]+)"', html))
    assert all(href.startswith("/") and not href.startswith("//")
               for href in re.findall(r'<link[^>]* href="([^"]+)"', html))


def messages_of(response) -> list[str]:
    """The flash messages the next page will show."""
    return [str(message) for message in get_messages(response.wsgi_request)]


def page_form_data(assessment, **changes) -> dict:
    """What the grid page posts without JavaScript (« Enregistrer tout »), as it was loaded.

    `changes` maps a field name to its new value, e.g. `{"S-1-value": "+"}`.
    """
    data = {}
    for answer in assessment.answers.select_related("question"):
        code = answer.question.code
        data[f"{code}-value"] = answer.value
        data[f"{code}-comment"] = answer.comment
        data[f"{code}-revision"] = answer.revision
    for row in assessment.custom_answers.select_related("enjeu"):
        prefix = f"autre-{row.enjeu.code}"
        data[f"{prefix}-label"] = row.label
        data[f"{prefix}-level"] = row.level or ""
        data[f"{prefix}-bareme"] = row.bareme or ""
        data[f"{prefix}-value"] = row.value
        data[f"{prefix}-revision"] = row.revision
    data.update(changes)
    return data


def answers_of(assessment) -> dict[str, tuple[str, str]]:
    """code → (value, comment), read back from the database."""
    return {
        code: (value, comment)
        for code, value, comment in assessment.answers.values_list(
            "question__code", "value", "comment"
        )
    }


def custom_of(assessment) -> dict[str, tuple]:
    """enjeu → (label, level, barème, value), read back from the database."""
    return {
        enjeu: (label, level, bareme, value)
        for enjeu, label, level, bareme, value in assessment.custom_answers.values_list(
            "enjeu__code", "label", "level", "bareme", "value"
        )
    }
