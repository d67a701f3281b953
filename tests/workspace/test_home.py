"""`home` (/): a visitor gets the guide's home (tests/guide/views/test_home.py); a logged-in
person what each of their roles has to do, from their own clusters only."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import MailKind, Notification
from clusters.models import Cluster, Membership, Network
from clusters.services import membership_add
from glossary.models import GlossaryTerm
from grid import services
from grid.models import Assignment, Campaign
from plans.services import action_comment_add, action_create
from tests.fixtures import fill, logged_in, url

pytestmark = pytest.mark.django_db
HOME = reverse("home")
ENGLISH = {"accept-language": "en"}


def page(client, **headers) -> str:
    response = client.get(HOME, headers=headers)
    assert response.status_code == 200
    return response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')


def days(count):
    return timezone.localdate() + timedelta(days=count)


# --- an editor ---


def test_an_editor_resumes_at_the_first_blank_question(editor_client, assessment):
    fill(assessment, assessment.answers.first().updated_by, codes={"S-1", "S-2"})
    html = page(editor_client)
    assert "Autoévaluation 2025" in html and "brouillon" in html.lower()
    first_blank = (
        assessment.answers.filter(value="")
        .order_by("question__order")
        .values_list("question__code", flat=True)
        .first()
    )
    assert f"{url('grid', assessment)}#q-{first_blank}" in html
    assert f"Reprendre à la question {first_blank}" in html
    assert "39 questions sans réponse" in html


def test_an_editor_reads_the_boards_return_comment(editor_client, editor, board, filled):
    services.assessment_submit(assessment=filled, by=editor)
    services.assessment_return(assessment=filled, by=board, comment="Justifiez la section 2B.")
    html = page(editor_client)
    assert "Justifiez la section 2B." in html
    assert "Renvoyée par Bruno Durand le" in html


def test_an_editor_sees_late_and_soon_due_actions_only(editor_client, editor, cluster_a):
    action_create(cluster=cluster_a, by=editor, title="Bilan carbone", due_on=days(-3))
    action_create(cluster=cluster_a, by=editor, title="Charte des achats", due_on=days(5))
    action_create(cluster=cluster_a, by=editor, title="Plan mobilité", due_on=days(30))
    action_create(
        cluster=cluster_a,
        by=editor,
        title="Audit énergie",
        due_on=days(-9),
        status="done",
        done_on=days(-1),
    )
    html = page(editor_client)
    due = html[html.index('class="list-group due-actions"') :]
    assert due.index("Bilan carbone") < due.index("Charte des achats")
    assert "en retard" in due[: due.index("Charte des achats")]
    assert "Plan mobilité" not in html and "Audit énergie" not in html


def test_an_editor_without_due_actions_is_told_so(editor_client):
    assert "Aucune action en retard ni à échéance dans les 7 jours." in page(editor_client)


def test_an_editor_sees_the_next_path_step_and_how_to_start_a_year(editor_client, cluster_a):
    html = page(editor_client)
    assert "Prochaine étape du parcours" in html
    assert reverse("plans:path-progress", args=[cluster_a.slug]) in html
    assert "Aucune autoévaluation pour l'instant." in html
    assert "Commencer une autoévaluation" in html


def test_an_editor_only_sees_the_editor_part(editor_client, assessment):
    html = page(editor_client)
    assert 'id="editor"' in html
    assert 'id="board"' not in html and 'id="networks"' not in html and 'id="content"' not in html


# --- a board member ---


def test_the_board_sees_the_years_to_validate_first(board_client, submitted):
    html = page(board_client)
    assert html.index('id="board-title"') < html.index('id="activity-title"')
    to_validate = html[html.index('class="list-group to-validate"') : html.index("activity-title")]
    assert "Pôle Alpha Maritime · 2025" in to_validate
    assert "100,0" in to_validate  # the completion
    assert "soumise par Élise Martin le" in to_validate
    assert url("results", submitted) in to_validate
    assert 'id="editor"' not in html


def test_the_board_reads_recent_steps_comments_and_answer_changes(
    board_client, board, editor, submitted, cluster_a
):
    action = action_create(cluster=cluster_a, by=editor, title="Bilan carbone")
    action_comment_add(action=action, by=board, text="Prévoir un budget.")
    html = page(board_client)
    activity = html[html.index('class="list-group activity"') :]
    assert "Soumise" in activity and "(Élise Martin)" in activity
    assert "Prévoir un budget." in activity and "commentaire de Bruno Durand" in activity
    assert "41 réponses modifiées par Élise Martin" in activity


def test_the_board_with_nothing_to_decide_is_told_so(board_client, assessment):
    html = page(board_client)
    assert "Aucune autoévaluation n'attend votre décision." in html


# --- no leak between clusters ---


def test_an_outsider_never_sees_another_clusters_year_actions_or_comments(
    outsider_client, editor, board, cluster_a, submitted
):
    action = action_create(cluster=cluster_a, by=editor, title="Action secrète", due_on=days(1))
    action_comment_add(action=action, by=board, text="Commentaire secret")
    html = page(outsider_client)
    for secret in (
        "Pôle Alpha Maritime",
        "Action secrète",
        "Commentaire secret",
        "2025",
        cluster_a.slug,
    ):
        assert secret not in html


def test_a_board_member_of_one_cluster_sees_nothing_of_the_others(
    board_client, outsider, cluster_b, campaign_2025
):
    theirs = services.assessment_start(cluster=cluster_b, year=2025, by=outsider, prefill=False)
    services.assessment_submit(assessment=fill(theirs, outsider), by=outsider)
    html = page(board_client)
    assert cluster_b.name not in html and cluster_b.slug not in html


# --- a network coordinator, a content admin, a person without role ---


def test_a_coordinator_finds_their_network(coordinator, cluster_a, cluster_b):
    network = Network.objects.create(name="Réseau Mer", slug="reseau-mer")
    network.coordinators.add(coordinator)
    network.clusters.add(cluster_a, cluster_b)
    html = page(logged_in(coordinator))
    assert reverse("network:network-detail", args=["reseau-mer"]) in html
    assert "Réseau Mer" in html and "2 pôles" in html
    assert cluster_a.name not in html


def test_a_coordinator_without_network_is_told_who_attaches_them(coordinator):
    html = page(logged_in(coordinator))
    assert "Vous ne coordonnez aucun réseau." in html


def test_a_content_admin_sees_the_admin_and_the_latest_content_changes(content_admin):
    term = GlossaryTerm.objects.order_by("pk").first()
    term.definition = term.definition + " (précisé)"
    term._history_user = content_admin
    term.save()
    html = page(logged_in(content_admin))
    assert reverse("admin:index") in html
    changes = html[html.index('class="list-group content-changes"') :]
    assert changes.count("<li") == 10
    first = changes[: changes.index("</li>")]
    assert term.term in first and "modifié" in first and "(Carole Contenus)" in first
    assert reverse("admin:glossary_glossaryterm_change", args=[term.pk]) in first


def test_a_person_without_role_learns_how_to_get_access(db):
    loner = get_user_model().objects.create_user("seul")
    html = page(logged_in(loner))
    assert "Votre compte n'ouvre encore aucun espace" in html
    assert "en vous invitant" in html


def test_a_person_with_several_roles_sees_each_part(editor, board_client, cluster_b, content_admin):
    membership_add(cluster=cluster_b, user=editor, role=Membership.Role.BOARD)
    content_admin.memberships.create(cluster=cluster_b, role=Membership.Role.EDITOR)
    html = page(logged_in(content_admin))
    assert 'id="editor"' in html and 'id="content"' in html
    html = page(logged_in(editor))
    assert 'id="editor"' in html and 'id="board"' in html


# --- the English page ---


def test_each_part_speaks_english(editor, board, cluster_a, submitted, content_admin):
    membership_add(cluster=cluster_a, user=content_admin, role=Membership.Role.EDITOR)
    html = page(logged_in(content_admin), **ENGLISH)
    assert "Your self-assessments" in html and "Latest changes" in html
    html = page(logged_in(board), **ENGLISH)
    assert "To validate" in html and "submitted by Élise Martin on" in html
    assert "Recently in your clusters" in html
    html = page(logged_in(get_user_model().objects.create_user("alone")), **ENGLISH)
    assert "Your account does not open any space yet" in html


# --- queries ---


def a_second_cluster_with_everything(editor, board, slug):
    """Another cluster where `editor` edits and `board` decides: a submitted year, a draft with
    questions assigned to `editor`, actions due and done (a path step reached), board
    comments."""
    cluster = Cluster.objects.create(name=f"Pôle {slug}", slug=slug)
    membership_add(cluster=cluster, user=editor, role=Membership.Role.EDITOR)
    membership_add(cluster=cluster, user=board, role=Membership.Role.BOARD)
    for year in (2023, 2024):
        Campaign.objects.get_or_create(
            year=year, defaults={"version": Campaign.objects.get(year=2025).version}
        )
    old = services.assessment_start(cluster=cluster, year=2023, by=editor, prefill=False)
    services.assessment_submit(assessment=fill(old, editor), by=editor)
    draft = services.assessment_start(cluster=cluster, year=2024, by=editor, prefill=True)
    services.assignment_set(assessment=draft, by=editor, assignee=editor, section="1A",
                            due_on=days(3))
    services.assignment_set(assessment=draft, by=editor, assignee=editor, question="2D-1")
    for offset in (-4, 2):
        action = action_create(
            cluster=cluster,
            by=editor,
            title=f"Action {offset}",
            due_on=days(offset),
            sheets=["1"],
            status="done" if offset < 0 else "planned",
            done_on=days(-1) if offset < 0 else None,
        )
        action_comment_add(action=action, by=board, text="Vu.")
    return cluster


def queries_of(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(HOME).status_code == 200
    return len(queries)


@pytest.mark.parametrize("person", ["editor", "board"])
def test_the_home_runs_as_many_queries_for_more_clusters_years_and_actions(
    person, editor, board, submitted
):
    a_second_cluster_with_everything(editor, board, "pole-gamma")
    client = logged_in(editor if person == "editor" else board)
    client.get(HOME)  # the content kept per process is read once
    before = queries_of(client)
    for slug in ("pole-delta", "pole-epsilon"):
        a_second_cluster_with_everything(editor, board, slug)
    assert queries_of(client) == before
    assert "Pôle pole-epsilon" in page(client)


def test_unread_notifications_lead_the_home_until_read(editor_client, editor, board):
    Notification.objects.create(user=editor, kind=MailKind.WORKFLOW, url="/poles/",
                                message="L'année 2025 de Pôle Alpha Maritime est renvoyée")
    Notification.objects.create(user=board, kind=MailKind.WORKFLOW, url="/poles/",
                                message="Pour quelqu'un d'autre")
    html = editor_client.get("/").content.decode()
    assert 'lang="fr">L&#x27;année 2025 de Pôle Alpha Maritime est renvoyée' in html
    assert "Pour quelqu&#x27;un d&#x27;autre" not in html
    editor_client.post("/comptes/notifications/lues/")
    assert "Aucune notification non lue." in editor_client.get("/").content.decode()


def test_the_editor_sees_the_questions_assigned_to_them_late_first(editor, assessment):
    colleague = get_user_model().objects.create_user("equipe-a2", first_name="Chloé",
                                                     last_name="Bernard")
    membership_add(cluster=assessment.cluster, user=colleague, role=Membership.Role.EDITOR)
    services.assignment_set(assessment=assessment, by=colleague, assignee=editor, section="1B",
                            due_on=days(5))
    services.assignment_set(assessment=assessment, by=colleague, assignee=editor,
                            question="2D-2")
    services.assignment_set(assessment=assessment, by=colleague, assignee=colleague,
                            question="1B-2")
    Assignment.objects.filter(question__code="2D-2").update(due_on=days(-2))
    html = page(logged_in(editor))
    listed = html[html.index("Questions qui vous sont confiées"):html.index("Actions en retard")]
    grid = url("grid", assessment)
    assert listed.index(f'href="{grid}#q-2D-2"') < listed.index(f'href="{grid}#q-1B-1"')
    assert "1B-2" not in listed  # the colleague answers it
    assert "1 en retard" in listed
    assert f"échéance le {days(5):%d/%m/%Y}" in listed
    english = page(logged_in(editor), **ENGLISH)
    assert "Questions assigned to you" in english and "overdue" in english
