"""Every URL of the project × every kind of person, generated from the URLconf.

A URL added without a rule below fails `test_every_url_has_a_rule`: nobody can forget to say who
may use it. For each URL, each person gets what its access allows (DESIGN §1): public pages for
all; cluster pages for the cluster's members only (outsiders, coordinators and content admins get
404, never data), with the role each action needs (403 otherwise); logins required before all of
it; the admin for content admins only. Every answer to a logged-in person is `private, no-store`.

No GET writes: every GET the matrix makes, of every URL (those used with POST are tried with a
GET too) and of the admin's pages, runs no INSERT, UPDATE or DELETE but those GET_MAY_WRITE names
with its reason. People log in before the requests are watched, so the login's own writes
(session, last_login) are not counted.
"""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from hashlib import sha256

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts.models import MailKind, Notification
from bilans.services import bilan_publish
from clusters.models import Invitation, Membership, Network
from consultation.models import Consultation
from experiences.models import Experience
from glossary.models import GlossaryTerm
from grid import services
from grid.models import Assignment, Campaign, GridVersion, Transition
from initiatives.models import PathStep, Section
from plans.services import action_create, step_reach
from strategy.services import strategy_save
from tests.evidence_files import PDF, upload
from tests.fixtures import fill, logged_in
from tests.strategy.helpers import arguments

PEOPLE = ("anonymous", "editor", "board", "outsider", "coordinator", "content_admin")

LOGIN = "login"  # sent to the login page
HIDDEN = 404  # the cluster's existence is not even confirmed
FORBIDDEN = 403


@dataclass(frozen=True)
class Access:
    """What each person gets; `ok` are the statuses of someone allowed in."""

    who: dict[str, object]


PUBLIC = Access(dict.fromkeys(PEOPLE, "ok"))
LOGGED_IN = Access({"anonymous": LOGIN, **dict.fromkeys(PEOPLE[1:], "ok")})
MEMBERS = Access({"anonymous": LOGIN, "editor": "ok", "board": "ok", "outsider": HIDDEN,
                  "coordinator": HIDDEN, "content_admin": HIDDEN})
EDITORS = Access({**MEMBERS.who, "board": FORBIDDEN})
# A network's pages: its coordinators only (the sample network is the coordinator's); a
# coordinator of another network is tried in tests/network/test_views.py.
OWN = Access({"anonymous": LOGIN, "editor": "ok", **dict.fromkeys(PEOPLE[2:], HIDDEN)})
COORDINATORS = Access({"anonymous": LOGIN, "editor": HIDDEN, "board": HIDDEN, "outsider": HIDDEN,
                       "coordinator": "ok", "content_admin": HIDDEN})
# A network's coordinators are managed by content admins (staff who may change networks).
CONTENT_ADMINS = Access({"anonymous": LOGIN, **dict.fromkeys(PEOPLE[1:5], FORBIDDEN),
                         "content_admin": "ok"})
# An invitation's link: open to its addressee, who may have no account yet; anyone logged in
# with another address is refused (the sample is addressed to none of the people).
INVITEE = Access({"anonymous": "ok", **dict.fromkeys(PEOPLE[1:], FORBIDDEN)})


@dataclass(frozen=True)
class Rule:
    access: Access
    args: tuple[str, ...] = ()  # names of the sample arguments below
    method: str = "get"
    ok: frozenset[int] = frozenset({200})
    data: dict = field(default_factory=dict)
    is_page: bool = True  # False for downloads and other files (no HTML to look at)


RULES = {
    "healthz": Rule(PUBLIC, is_page=False),
    "set-language": Rule(PUBLIC, method="post", ok=frozenset({302}),
                         data={"language": "en", "next": "/"}),
    "login": Rule(PUBLIC),
    "logout": Rule(PUBLIC, method="post", ok=frozenset({302})),
    "password_change": Rule(LOGGED_IN),
    "password_change_done": Rule(LOGGED_IN),
    "mail-preferences": Rule(LOGGED_IN),
    "notifications-read-all": Rule(LOGGED_IN, method="post", ok=frozenset({302})),
    # One's own notifications only (the sample is the editor's): another person's is not found.
    "notification-open": Rule(OWN, ("notification",), "post", frozenset({302})),
    "home": Rule(PUBLIC),  # the guide for visitors, their own home for the others
    "initiatives:matrix": Rule(PUBLIC),
    "guide:path-list": Rule(PUBLIC),
    "guide:path-detail": Rule(PUBLIC, ("path",)),
    "initiatives:approach": Rule(PUBLIC),
    "initiatives:colours": Rule(PUBLIC, is_page=False),
    # The content admin's Markdown preview (tests/initiatives/test_markdown_preview.py).
    "initiatives:markdown-preview": Rule(CONTENT_ADMINS, method="post", data={"text": "**gras**"},
                                         is_page=False),
    "guide:sheet-list": Rule(PUBLIC),
    "guide:sheet-detail": Rule(PUBLIC, ("sheet",)),
    "glossary:term-list": Rule(PUBLIC),
    "glossary:term-detail": Rule(PUBLIC, ("term",)),
    "experiences:list": Rule(PUBLIC),
    "experiences:detail": Rule(PUBLIC, ("experience",)),
    "workspace:cluster-list": Rule(LOGGED_IN),
    "workspace:cluster-detail": Rule(MEMBERS, ("slug",)),
    # Read by the board; its POST is the editors' (tests/workspace/test_cluster_profile.py).
    "workspace:cluster-profile": Rule(MEMBERS, ("slug",)),
    "workspace:assessment-start": Rule(EDITORS, ("slug",), "post", frozenset({302}),
                                       {"year": 2024}),
    "grid:grid": Rule(MEMBERS, ("slug", "year")),
    "grid:grid-display": Rule(MEMBERS, ("slug", "year"), "post", frozenset({302}),
                              {"compact": "1"}),
    "grid:answer-save": Rule(EDITORS, ("slug", "year"), "post", frozenset({200}),
                             {"code": "S-1", "value": "+", "revision": 0}),
    "grid:assign": Rule(EDITORS, ("slug", "year"), "post", frozenset({302}),
                        {"section": "1A", "action": "remove"}),
    "grid:submit": Rule(EDITORS, ("slug", "year"), "post", frozenset({302})),
    "grid:import-json": Rule(EDITORS, ("slug", "year")),
    # An answer's evidence: read by the board, its POST (add a file or a link) is the editors'
    # (tests/grid/views/test_evidence.py); files are served to members only.
    "grid:evidence": Rule(MEMBERS, ("slug", "year", "code")),
    "grid:evidence-download": Rule(MEMBERS, ("slug", "year", "evidence"), is_page=False),
    "grid:evidence-remove": Rule(EDITORS, ("slug", "year", "evidence"), "post",
                                 frozenset({302})),
    "reports:results": Rule(MEMBERS, ("slug", "year")),
    "reports:evolution": Rule(MEMBERS, ("slug",)),
    "reports:simulate": Rule(MEMBERS, ("slug", "year"), "post", frozenset({200}), {"S-1": "++"},
                             is_page=False),
    "reports:simulate-plan": Rule(EDITORS, ("slug", "year"), "post", frozenset({302}),
                                  {"S-1": "++"}),
    "reports:report": Rule(MEMBERS, ("slug", "year"), is_page=False),
    "reports:report-retry": Rule(MEMBERS, ("slug", "year"), "post", frozenset({302})),
    "reports:export-json": Rule(MEMBERS, ("slug", "year"), is_page=False),
    "reports:export-csv": Rule(MEMBERS, ("slug", "year"), is_page=False),
    "reports:export-xlsx": Rule(MEMBERS, ("slug", "year"), is_page=False),
    "plans:action-list": Rule(MEMBERS, ("slug",)),
    "plans:action-create": Rule(EDITORS, ("slug",)),
    "plans:action-detail": Rule(MEMBERS, ("slug", "action")),
    "plans:action-edit": Rule(EDITORS, ("slug", "action")),
    "plans:action-comment": Rule(MEMBERS, ("slug", "action"), "post", frozenset({302}),
                                 {"text": "Vu en CA."}),
    "plans:path-progress": Rule(MEMBERS, ("slug",)),
    "plans:step-mark": Rule(EDITORS, ("slug", "step"), "post", frozenset({302}),
                            {"reached": "1", "reached_on": "2025-01-15"}),
    # The strategy (#24): read by members, drafted by the team; its decisions are one URL
    # whose actions need a role each (submit the team's, approve and return the board's,
    # tests/strategy/test_views.py): the board's « return » without a comment is refused (400).
    "strategy:overview": Rule(MEMBERS, ("slug",)),
    "strategy:period": Rule(MEMBERS, ("slug", "strategy")),
    "strategy:create": Rule(EDITORS, ("slug",)),
    "strategy:edit": Rule(EDITORS, ("slug", "strategy")),
    "strategy:decision": Rule(EDITORS, ("slug", "strategy"), "post", frozenset({302}),
                              {"action": "submit"}),
    "strategy:renew": Rule(EDITORS, ("slug", "strategy"), "post", frozenset({302})),
    # The stakeholders' consultation (#24): read by members, managed by the team (its POSTs are
    # tried in tests/consultation/test_views.py); the answer link is for anyone holding it.
    "consultation:manage": Rule(MEMBERS, ("slug", "year")),
    "consultation:answer": Rule(PUBLIC, ("consultation_token",)),
    # The public bilan (#24): its page under the year is read by members, its POSTs (publish,
    # withdraw) are the board's (tests/bilans/test_views.py); the published bilan, its PDF and
    # the list are everyone's (a sample year published).
    "bilans:manage": Rule(MEMBERS, ("slug", "year")),
    "bilans:list": Rule(PUBLIC),
    "bilans:public": Rule(PUBLIC, ("slug", "bilan_year")),
    "bilans:pdf": Rule(PUBLIC, ("slug", "bilan_year"), is_page=False),
    "network:network-list": Rule(LOGGED_IN),
    "network:network-detail": Rule(COORDINATORS, ("network",)),
    "network:export-csv": Rule(COORDINATORS, ("network",), is_page=False),
    "network:export-xlsx": Rule(COORDINATORS, ("network",), is_page=False),
    "network:export-json": Rule(COORDINATORS, ("network",), is_page=False),
    "network:report": Rule(COORDINATORS, ("network",), is_page=False),
    # Accounts: the password reset is everyone's; invitations (tests/workspace/test_members.py,
    # tests/network/test_coordinators.py).
    "password_reset": Rule(PUBLIC),
    "password_reset_done": Rule(PUBLIC),
    "password_reset_confirm": Rule(PUBLIC, ("uidb64", "reset_token")),
    "password_reset_complete": Rule(PUBLIC),
    "invitation-accept": Rule(INVITEE, ("invitation_token",)),
    # Read by the board; its POST (an invitation) is the editors'.
    "workspace:members": Rule(MEMBERS, ("slug",)),
    "workspace:member-role": Rule(EDITORS, ("slug", "membership"), "post", frozenset({302}),
                                  {"role": "editor"}),
    "workspace:member-remove": Rule(EDITORS, ("slug", "membership"), "post", frozenset({302})),
    "workspace:invitation-resend": Rule(EDITORS, ("slug", "invitation"), "post",
                                        frozenset({302})),
    "workspace:invitation-cancel": Rule(EDITORS, ("slug", "invitation"), "post",
                                        frozenset({302})),
    "network:coordinators": Rule(CONTENT_ADMINS, ("network",)),
    "network:coordinator-remove": Rule(CONTENT_ADMINS, ("network", "coordinator"), "post",
                                       frozenset({302})),
    "network:coordinator-invitation-resend": Rule(
        CONTENT_ADMINS, ("network", "network_invitation"), "post", frozenset({302})),
    "network:coordinator-invitation-cancel": Rule(
        CONTENT_ADMINS, ("network", "network_invitation"), "post", frozenset({302})),
}


WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)', re.IGNORECASE)

# Tables a GET may write, by URL name, and why.
GET_MAY_WRITE = {
    # The PDF is a cache of what the stored answers say: the first GET of a state asks for its
    # rendering (one row per assessment, language and state, and the background task that
    # renders it); later GETs find it. Nothing anyone reads elsewhere changes.
    "reports:report": {"reports_preparedreport", "django_tasks_database_dbtaskresult"},
}


class Writes:
    """The tables written by the statements run while it wraps the connection."""

    def __init__(self):
        self.tables: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        if found := WRITE.match(sql):
            self.tables.append(found.group(1))
        return execute(sql, params, many, context)


def get_writing_nothing(client, path, where, name="", data=None):
    """GET `path`, failing if it writes a table GET_MAY_WRITE does not give `name`."""
    writes = Writes()
    with connection.execute_wrapper(writes):
        response = client.get(path, data)
    wrong = set(writes.tables) - GET_MAY_WRITE.get(name, set())
    assert not wrong, (f"GET {where} writes", sorted(wrong))
    return response


def url_names(resolver=None, namespace=""):
    """(namespace, name, pattern) of every URL of the project, patterns with their prefixes."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(n for n in (namespace, pattern.namespace) if n)
            for found_namespace, name, inner_pattern in url_names(pattern, inner):
                yield found_namespace, name, str(pattern.pattern) + inner_pattern
        elif isinstance(pattern, URLPattern):
            yield namespace, pattern.name, str(pattern.pattern)


def full_name(namespace, name):
    return f"{namespace}:{name}" if namespace else name


def test_every_url_has_a_rule():
    names = {full_name(ns, name) for ns, name, _ in url_names() if name and ns != "admin"}
    assert names == set(RULES), "add a rule for every new URL (and drop those of removed ones)"
    # Unnamed patterns: the admin's redirects, and uploaded logos served in development only.
    unnamed = [pattern for ns, name, pattern in url_names() if not name and ns != "admin"]
    assert unnamed in ([], ["^media/(?P<path>.*)$"])


def is_private_no_store(response) -> bool:
    return {"private", "no-store"} <= {
        part.strip() for part in response.get("Cache-Control", "").split(",")
    }


@pytest.fixture
def people(editor, board, outsider, coordinator, content_admin, anonymous):
    return {"anonymous": anonymous, "editor": editor, "board": board, "outsider": outsider,
            "coordinator": coordinator, "content_admin": content_admin}


@pytest.fixture
def plan_action(cluster_a, editor):
    return action_create(cluster=cluster_a, by=editor, title="Bilan carbone", sheets=["12"])


@pytest.fixture
def sample_strategy(cluster_a, editor):
    return strategy_save(by=editor, **arguments(cluster_a, editor))


@pytest.fixture
def sample_network(cluster_a, coordinator):
    network = Network.objects.create(name="Réseau échantillon", slug="reseau-echantillon")
    network.clusters.add(cluster_a)
    network.coordinators.add(coordinator)
    return network


@pytest.fixture
def sample_notification(editor):
    return Notification.objects.create(user=editor, kind=MailKind.WORKFLOW, message="2025 soumise",
                                       url="/poles/")


INVITATION_TOKEN = "jeton-d-invitation-echantillon"


@pytest.fixture
def sample_invitations(cluster_a, sample_network, editor, content_admin):
    """A third member of cluster A (so that the board's membership outlives the editor's
    changes), an open invitation to A and one to the network; the link's token is known here
    only (the mail holds it in real life)."""
    third = get_user_model().objects.create_user("tiers", email="tiers@example.org")
    membership = Membership.objects.create(cluster=cluster_a, user=third, role="board")
    later = timezone.now() + timedelta(days=7)
    to_cluster = Invitation.objects.create(
        cluster=cluster_a, email="invitee@example.org", role="board", invited_by=editor,
        token_hash=sha256(INVITATION_TOKEN.encode()).hexdigest(), sent_at=timezone.now(),
        expires_at=later)
    to_network = Invitation.objects.create(
        network=sample_network, email="coord@example.org", role="coordinator",
        invited_by=content_admin, token_hash="0" * 64, sent_at=timezone.now(), expires_at=later)
    return {"membership": membership.pk, "invitation": to_cluster.pk,
            "network_invitation": to_network.pk, "invitation_token": INVITATION_TOKEN}


CONSULTATION_TOKEN = "jeton-de-consultation-echantillon"


@pytest.fixture
def sample_consultation(assessment, editor):
    return Consultation.objects.create(
        assessment=assessment, section_codes=["1A"], closes_on=date.today() + timedelta(days=9),
        token_hash=sha256(CONSULTATION_TOKEN.encode()).hexdigest(), opened_by=editor)


@pytest.fixture
def sample_evidence(assessment, editor):
    return services.evidence_add_file(assessment=assessment, code="S-1", label="Rapport",
                                      upload=upload(PDF), by=editor)


@pytest.fixture
def sample_bilan(cluster_a, editor, board, assessment, version):
    """Cluster A's 2023, validated and published (its 2024 is the year it has not started)."""
    Campaign.objects.create(year=2023, version=version)
    year = fill(services.assessment_start(cluster=cluster_a, year=2023, by=editor,
                                          prefill=False), editor)
    services.assessment_submit(assessment=year, by=editor)
    services.assessment_validate(assessment=year, by=board)
    bilan_publish(assessment=year, by=board)
    return 2023


@pytest.fixture
def samples(cluster_a, assessment, campaign_2024, plan_action, sample_network,
            sample_notification, sample_invitations, coordinator, sample_evidence,
            sample_strategy, sample_consultation, sample_bilan):
    """A value for each kind of URL argument: cluster A and its 2025 grid, a year it has not
    started (2024), an action of its plan, content that exists, the coordinator's network, a
    file attached to its answer to S-1."""
    return {"slug": cluster_a.slug, "year": 2025, "sheet": "1", "path": "gou",
            "network": sample_network.slug,
            "term": GlossaryTerm.objects.order_by("slug").first().slug,
            "experience": Experience.objects.order_by("slug").first().slug,
            "action": plan_action.pk, "strategy": sample_strategy.start_year,
            "step": PathStep.objects.order_by("pk").first().pk,
            "notification": sample_notification.pk, **sample_invitations,
            "coordinator": coordinator.pk, "uidb64": "MQ", "reset_token": "pas-un-jeton",
            "code": "S-1", "evidence": sample_evidence.pk,
            "consultation_token": CONSULTATION_TOKEN, "bilan_year": sample_bilan}


def client_of(person, user):
    return user if person == "anonymous" else logged_in(user)


@pytest.mark.parametrize("name", sorted(RULES))
def test_each_person_gets_what_the_url_allows(name, people, samples):
    rule = RULES[name]
    path = reverse(name, args=[samples[arg] for arg in rule.args])
    for person, user in people.items():
        client = client_of(person, user)
        where = f"{name} as {person}"
        if rule.method == "get":
            response = get_writing_nothing(client, path, where, name, rule.data)
        else:
            get_writing_nothing(client, path, where, name)  # refused (405), and writes nothing
            response = getattr(client, rule.method)(path, rule.data)
        expected = rule.access.who[person]
        if expected == "ok":
            assert response.status_code in rule.ok, (where, response.status_code)
        elif expected == LOGIN:
            assert response.status_code == 302, where
            assert response["Location"].startswith(f"{reverse('login')}?next="), where
        else:
            assert response.status_code == expected, (where, response.status_code)
        if person != "anonymous" and name != "initiatives:colours":
            assert is_private_no_store(response), (where, response.get("Cache-Control"))


def test_the_colours_stylesheet_is_public_and_cached(people):
    response = logged_in(people["editor"]).get(reverse("initiatives:colours"))
    assert response["Cache-Control"] == "public, max-age=300"


# --- the admin: every URL Django's admin declares ---

# Admin URLs that are not behind the staff check, by design of Django's admin.
ADMIN_OPEN = {"login", "logout", "view_on_site"}
PARAMETER = re.compile(r"<(?:\w+:)?\w+>|\((?!\?:)")


def admin_paths() -> list[str]:
    """Every named admin URL, with the id of the model's first row (or of its first recorded
    version) where it takes one; the URLs of a model without rows are left out."""
    registry = {f"{m._meta.app_label}_{m._meta.model_name}_": m for m in admin.site._registry}
    paths = []
    for namespace, name, pattern in url_names():
        if namespace != "admin" or not name or name in ADMIN_OPEN:
            continue
        if name == "app_list":
            paths += [reverse("admin:app_list", args=[label])
                      for label in {m._meta.app_label for m in admin.site._registry}]
            continue
        model = next((m for prefix, m in registry.items() if name.startswith(prefix)), None)
        # Path converters (<path:object_id>) or regex groups (simple_history's two ids).
        parameters = len(PARAMETER.findall(pattern))
        if parameters == 2:  # one version of one row
            record = model.history.order_by("history_id").first()
            args = [record.id, record.history_id] if record else None
        elif parameters == 1:
            row = model._default_manager.order_by("pk").first()
            args = [row.pk] if row else None
        else:
            args = []
        if args is not None:
            paths.append(reverse(f"admin:{name}", args=args))
    return paths


@pytest.fixture
def admin_rows(submitted, board, plan_action, editor, sample_strategy):
    """A row in every model the admin shows, so that its change, history and delete pages are
    tried too."""
    Transition.objects.create(assessment=submitted, from_status="submitted",
                              to_status="returned", by=board, comment="x")
    step_reach(cluster=submitted.cluster, step=PathStep.objects.order_by("pk").first(),
               by=editor, reached_on=date(2025, 1, 15))
    Assignment.objects.create(assessment=submitted, section=Section.objects.get(code="1A"),
                              assignee=editor, assigned_by=editor)
    for model in admin.site._registry:
        if hasattr(model, "history"):  # a first version, as an admin's edit records one
            model._default_manager.order_by("pk").first().save()


def test_nobody_but_staff_enters_the_admin(people, admin_rows):
    paths = admin_paths()
    assert len(paths) > 100
    for person in ("anonymous", "editor", "board", "outsider", "coordinator"):
        client = client_of(person, people[person])
        for path in paths:
            response = get_writing_nothing(client, path, f"{path} as {person}")
            assert response.status_code == 302, (path, person)
            assert response["Location"].startswith(reverse("admin:login")), (path, person)


def test_content_admins_see_the_content_and_not_the_accounts(people, admin_rows):
    client = logged_in(people["content_admin"])
    refused = set()
    for path in admin_paths():
        response = get_writing_nothing(client, path, path)
        # The admin answers 404 for the index of an app none of whose models one may see.
        app_index = path.count("/") == 3
        assert response.status_code in (200, 302, 403, *((404,) if app_index else ())), (
            path, response.status_code)
        assert is_private_no_store(response), path
        if response.status_code in (403, 404):
            refused.add(path)
    # Accounts and their mails, login throttling, the clusters' plans and assignments and the
    # background tasks are the superusers' business; the autocomplete needs its parameters; a
    # grid version in use, and its questions, are not deleted.
    frozen = GridVersion.objects.get(code="cgdd-2012")
    superusers_only = ("/admin/auth/", "/admin/axes/", "/admin/plans/", "/admin/accounts/",
                       "/admin/django_tasks_database/", "/admin/grid/assignment/",
                       "/admin/strategy/")
    assert {path for path in refused if not path.startswith(superusers_only)} == {
        "/admin/autocomplete/",
        reverse("admin:grid_gridversion_delete", args=[frozen.pk]),
        reverse("admin:grid_question_delete", args=[frozen.questions.order_by("pk").first().pk]),
    }
    assert "/admin/auth/user/" in refused and "/admin/axes/accessattempt/" in refused
    assert "/admin/plans/action/" in refused and "/admin/plans/stepreached/" in refused
    assert "/admin/grid/assignment/" in refused
    assert "/admin/strategy/strategy/" in refused
    assert "/admin/accounts/outgoingmail/" in refused
