import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from clusters.models import Cluster
from grid import services
from grid.models import Campaign, GridVersion, Question

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
