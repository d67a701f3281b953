"""`manage.py load_demo`: the demo accounts, clusters and years, once, and only in DEBUG."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from clusters.models import Cluster
from grid.models import Answer, Assessment
from plans.models import Action
from plans.selectors import path_progress
from strategy.models import Strategy

pytestmark = pytest.mark.django_db

USERNAMES = {"equipe", "conseil", "reseau", "admin"}


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


def test_it_creates_the_four_accounts_with_password_demo(debug):
    assert "Démo chargée" in load_demo()
    users = get_user_model().objects.filter(username__in=USERNAMES)
    assert {user.username for user in users} == USERNAMES
    assert all(user.check_password("demo") for user in users)
    assert users.get(username="admin").is_staff
    assert users.get(username="reseau").groups.filter(name="network").exists()


def test_it_creates_two_clusters_and_three_years_for_the_littoral_one(debug):
    load_demo()
    # Two real clusters; the demo network's clusters are fictional (network.demo).
    assert Cluster.objects.exclude(slug__startswith="fictif-").count() == 2
    assessments = Assessment.objects.filter(cluster__slug="pole-littoral-durable").order_by(
        "campaign__year"
    )
    assert [(a.campaign.year, a.status) for a in assessments] == [
        (2023, "validated"), (2024, "validated"), (2025, "draft"),
    ]
    validated, draft = assessments[1], assessments[2]
    assert validated.scores["provisional"] is False
    assert draft.scores is None
    # The draft starts from 2024's answers and a part of them was updated this year.
    assert draft.answers.filter(revision=0).exclude(value="").exists()
    assert draft.answers.filter(revision__gt=0).exists()


def test_it_gives_the_littoral_cluster_a_plan_in_every_status_and_a_path_step(debug):
    load_demo()
    actions = Action.objects.filter(cluster__slug="pole-littoral-durable")
    assert sorted(actions.values_list("status", flat=True)) == [
        "done", "dropped", "in_progress", "planned"]
    progress = {p.path.code: p for p in path_progress(Cluster.objects.get(
        slug="pole-littoral-durable"))}
    assert progress["GOU"].steps[0].explicit is not None  # marked by hand
    env_17 = next(s for s in progress["ENV"].steps if s.step.sheet.number == "17")
    assert env_17.by_action is not None  # reached through the done action


def test_it_gives_the_littoral_cluster_an_approved_strategy_whose_axes_actions_serve(debug):
    load_demo()
    strategy = Strategy.objects.get(cluster__slug="pole-littoral-durable")
    assert (strategy.period, strategy.status) == ("2025–2027", "approved")
    axes = list(strategy.axes.order_by("order"))
    assert len(axes) == 2 and all(axis.objectives.exists() for axis in axes)
    served = Action.objects.filter(cluster=strategy.cluster).exclude(axis=None)
    assert sorted(action.axis.order for action in served) == [1, 2]


def test_the_demo_accounts_can_log_in_and_see_the_cluster(debug, client):
    load_demo()
    response = client.post("/comptes/connexion/", {"username": "equipe", "password": "demo"})
    assert response.status_code == 302
    assert "Pôle Littoral Durable" in client.get("/poles/").content.decode()


def test_a_second_run_changes_nothing(debug):
    load_demo()
    counts = (Cluster.objects.count(), Assessment.objects.count(), Answer.objects.count(),
              get_user_model().objects.count())
    assert "rien à faire" in load_demo()
    assert (Cluster.objects.count(), Assessment.objects.count(), Answer.objects.count(),
            get_user_model().objects.count()) == counts


def test_it_is_refused_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="qu'en mode DEBUG"):
        call_command("load_demo")
    assert not Cluster.objects.exists()
    assert not get_user_model().objects.filter(username__in=USERNAMES).exists()
