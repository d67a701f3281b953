import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from clusters.models import Cluster
from grid import services
from grid.models import Campaign, GridVersion, Question
from tests.fixtures import messages_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("content", "c@example.org", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def used_version():
    version = GridVersion.objects.get(code="cgdd-2012")
    Campaign.objects.create(year=2025, version=version)
    cluster = Cluster.objects.create(name="Pôle test", slug="pole-test")
    user = get_user_model().objects.create_user("staff")
    services.assessment_start(cluster=cluster, year=2025, by=user, prefill=False)
    return version


def test_deriving_a_version_copies_every_question(admin_client):
    source = GridVersion.objects.get(code="cgdd-2012")
    url = reverse("admin:grid_gridversion_changelist")
    response = admin_client.post(url, {
        "action": "derive", "_selected_action": [source.pk],
        "code": "cgdd-2026", "name": "Grille 2026",
    })
    assert response.status_code == 302
    derived = GridVersion.objects.get(code="cgdd-2026")
    assert derived.derived_from == source
    assert derived.questions.count() == 41
    copy, original = (v.questions.get(code="2B-3") for v in (derived, source))
    assert (copy.text, copy.bareme) == (original.text, original.bareme)
    assert list(copy.sheets.values_list("number", flat=True)) == ["13"]


def test_deriving_asks_for_a_code_first(admin_client):
    source = GridVersion.objects.get(code="cgdd-2012")
    response = admin_client.post(reverse("admin:grid_gridversion_changelist"), {
        "action": "derive", "_selected_action": [source.pk],
    })
    assert response.status_code == 200
    assert "Code de la nouvelle version" in response.content.decode()
    assert GridVersion.objects.count() == 1


def test_a_version_in_use_cannot_be_edited(admin_client, used_version):
    question = used_version.questions.get(code="1A-1")
    url = reverse("admin:grid_question_change", args=[question.pk])
    response = admin_client.post(url, {"text": "Changé", "bareme": 1})
    assert response.status_code == 403
    question.refresh_from_db()
    assert question.bareme == 2


def test_a_version_nobody_uses_stays_editable(admin_client):
    question = Question.objects.get(version__code="cgdd-2012", code="1A-1")
    url = reverse("admin:grid_question_change", args=[question.pk])
    assert "Enregistrer" in admin_client.get(url).content.decode()


# --- « Marquer comme revue »: a content admin vouches for a reconstructed question ---


def _content_admin(*codenames):
    user = get_user_model().objects.create_user("relecture", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(
        content_type__app_label="grid", codename__in=codenames))
    return user


def _mark_reviewed(client, *questions):
    return client.post(reverse("admin:grid_question_changelist"), {
        "action": "mark_reviewed", "_selected_action": [question.pk for question in questions],
    })


def test_a_content_admin_marks_a_reconstructed_question_reviewed_on_a_frozen_version(
    client, used_version
):
    admin = _content_admin("view_question", "change_question")
    client.force_login(admin)
    question = used_version.questions.get(code="2B-3")
    text, bareme = question.text, question.bareme
    response = _mark_reviewed(client, question)
    assert response.status_code == 302
    assert messages_of(response) == ["1 question marquée comme revue."]
    question.refresh_from_db()
    assert (question.reviewed_on, question.reviewed_by) == (timezone.localdate(), admin)
    assert (question.text, question.bareme) == (text, bareme)  # nothing else moves
    latest = question.history.latest()
    assert (latest.history_user, latest.reviewed_on) == (admin, timezone.localdate())
    # The frozen version's question itself stays read-only.
    url = reverse("admin:grid_question_change", args=[question.pk])
    assert admin_post_refused(client, url)


def admin_post_refused(client, url) -> bool:
    return client.post(url, {"text": "Changé", "bareme": 1}).status_code == 403


def test_the_guides_own_texts_are_not_marked(client):
    client.force_login(_content_admin("view_question", "change_question"))
    verbatim, reconstructed = Question.objects.filter(
        version__code="cgdd-2012", code__in=["1A-1", "1B-1"]).order_by("code")
    response = _mark_reviewed(client, verbatim, reconstructed)
    assert messages_of(response) == [
        "1 question marquée comme revue.",
        "1 question est le texte du guide : elle ne se marque pas comme revue.",
    ]
    verbatim.refresh_from_db()
    reconstructed.refresh_from_db()
    assert verbatim.reviewed_on is None and reconstructed.reviewed_on is not None


def test_who_may_only_read_questions_cannot_mark_them(client):
    client.force_login(_content_admin("view_question"))
    question = Question.objects.get(version__code="cgdd-2012", code="1B-1")
    page = client.get(reverse("admin:grid_question_changelist")).content.decode()
    assert "mark_reviewed" not in page
    _mark_reviewed(client, question)
    question.refresh_from_db()
    assert question.reviewed_on is None


def test_the_review_shows_in_the_list_and_on_the_question(admin_client):
    question = Question.objects.get(version__code="cgdd-2012", code="1B-1")
    _mark_reviewed(admin_client, question)
    listing = admin_client.get(reverse("admin:grid_question_changelist")).content.decode()
    assert "revue le" in listing and "Marquer comme revue" in listing
    page = admin_client.get(reverse("admin:grid_question_change", args=[question.pk]))
    html = page.content.decode()
    assert "Revue par" in html and 'name="reviewed_on"' not in html  # shown, never typed


def test_rewording_or_a_new_bareme_takes_the_review_back(admin_client):
    question = Question.objects.get(version__code="cgdd-2012", code="1B-1")
    services.question_mark_reviewed(question=question, by=None)
    url = reverse("admin:grid_question_change", args=[question.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {key: value for key, value in data.items() if value is not None}
    admin_client.post(url, {**data, "section": question.section_id})
    question.refresh_from_db()
    assert question.reviewed_on is not None  # saved unchanged: the review stands
    admin_client.post(url, {**data, "bareme": 3})
    question.refresh_from_db()
    assert question.bareme == 3 and question.reviewed_on is None


def test_a_derived_version_keeps_the_reviews_of_its_unchanged_questions(admin_client):
    source = GridVersion.objects.get(code="cgdd-2012")
    services.question_mark_reviewed(question=source.questions.get(code="2B-3"), by=None)
    admin_client.post(reverse("admin:grid_gridversion_changelist"), {
        "action": "derive", "_selected_action": [source.pk],
        "code": "cgdd-2026", "name": "Grille 2026",
    })
    copy = Question.objects.get(version__code="cgdd-2026", code="2B-3")
    assert copy.reviewed_on == timezone.localdate()
