"""The superusers' view of the plan in the admin: an action changed there moves its revision,
and a save over someone's later change is refused, as on the plan's pages."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from plans import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("super", "s@example.org", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def action(cluster_a, editor):
    return services.action_create(cluster=cluster_a, by=editor, title="Bilan carbone",
                                  sheets=["12"])


def change_url(action):
    return reverse("admin:plans_action_change", args=[action.pk])


def posted(response, **changes) -> dict:
    """The admin's change form as loaded, with `changes`."""
    form = response.context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {name: value for name, value in data.items() if value is not None}
    data.update({"comments-TOTAL_FORMS": "0", "comments-INITIAL_FORMS": "0"}, **changes)
    return data


def test_an_admin_save_moves_the_revision(admin_client, action):
    page = admin_client.get(change_url(action))
    assert 'name="seen_revision" value="0"' in page.content.decode()
    response = admin_client.post(change_url(action), posted(page, title="Bilan carbone 2026"))
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.title, action.revision) == ("Bilan carbone 2026", 1)
    with pytest.raises(services.StaleAction):  # a plan page loaded before is refused
        services.action_update(action=action, by=None, revision=0, title="Autre")


def test_an_admin_save_over_a_later_change_is_refused(admin_client, action, editor):
    page = admin_client.get(change_url(action))
    services.action_update(action=action, by=editor, revision=0, title="Bilan de l'équipe")
    response = admin_client.post(change_url(action), posted(page, title="Bilan de l'admin"))
    assert response.status_code == 200
    assert "a été modifiée depuis l&#x27;ouverture de cette page" in response.content.decode()
    action.refresh_from_db()
    assert (action.title, action.revision) == ("Bilan de l'équipe", 1)
