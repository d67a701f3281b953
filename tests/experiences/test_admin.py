"""Content admins edit the experiences in the admin, with history; wrong input is refused."""

import pytest
from django.urls import reverse

from experiences.models import Experience, Source
from tests.fixtures import logged_in

pytestmark = pytest.mark.django_db

FIELDS = (
    "slug order title organisation organisation_type region sector years context actions results "
    "success_factors source source_lines"
).split()
INLINES = ("key_figures", "sheet_links", "lever_links", "question_links")


def form_data(experience, **changes):
    data = {name: getattr(experience, name) for name in FIELDS}
    data["summary_only"] = "on" if experience.summary_only else ""
    data["published"] = "on"
    data["themes"] = [theme.pk for theme in experience.themes.all()]
    for prefix in INLINES:  # existing rows left as they are
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    data.update(changes)
    return data


@pytest.fixture
def experience():
    return Experience.objects.get(slug="terralia-afaq-26000")


def change_url(experience):
    return reverse("admin:experiences_experience_change", args=[experience.pk])


def test_a_content_admin_edits_an_experience_and_the_history_keeps_it(content_admin, experience):
    client = logged_in(content_admin)
    response = client.post(change_url(experience), form_data(experience, results="Nouveau bilan."))
    assert response.status_code == 302, response.content.decode()[:3000]
    latest = experience.history.latest()
    assert latest.results == "Nouveau bilan."
    assert latest.history_user == content_admin
    history = reverse("admin:experiences_experience_history", args=[experience.pk])
    assert client.get(history).status_code == 200


@pytest.mark.parametrize(
    "changes",
    [
        {"source_lines": "lignes 3 à 5"},
        {"source": "wikipedia"},
        {"organisation_type": "entreprise"},
        {"title": ""},
        {
            "question_links-TOTAL_FORMS": 1,
            "question_links-0-code": "9Z-1",
            "question_links-0-reason": "x",
        },
        {
            "key_figures-TOTAL_FORMS": 1,
            "key_figures-0-order": 9,
            "key_figures-0-value": "12",
            "key_figures-0-label": "x",
            "key_figures-0-as_of": "juin 2012",
        },
        {"sheet_links-TOTAL_FORMS": 1, "sheet_links-0-sheet": 999999, "sheet_links-0-reason": "x"},
    ],
)
def test_wrong_input_is_refused_and_nothing_changes(content_admin, experience, changes):
    client = logged_in(content_admin)
    before = experience.history.count()
    response = client.post(change_url(experience), form_data(experience, **changes))
    assert response.status_code == 200  # the form again, with its errors
    assert "errornote" in response.content.decode() or "errorlist" in response.content.decode()
    experience.refresh_from_db()
    assert experience.source == Source.FRANCE_CLUSTERS
    assert experience.history.count() == before


@pytest.mark.parametrize("person", ["editor", "board", "coordinator"])
def test_people_without_the_content_role_cannot_edit(request, person, experience):
    client = logged_in(request.getfixturevalue(person))
    response = client.post(change_url(experience), form_data(experience, results="Piraté."))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    experience.refresh_from_db()
    assert experience.results != "Piraté."
