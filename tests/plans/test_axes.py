"""Actions serve the strategy's axes: which axes plans may offer (through settings.PLAN_AXES),
the form's axis refused when not offered, « Planifier » proposing the axis of its enjeu, the plan
grouped and filtered by axis, and the strategy page listing each axis's actions."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plans import rules, services
from plans.axes import PlanAxis, axis_for_enjeu, plan_axes
from plans.models import Action
from plans.presenters import action_history
from strategy import services as strategy_services
from strategy.rules import AxisInput
from tests.fixtures import assert_hidden_from_outsider, logged_in, messages_of

pytestmark = pytest.mark.django_db

THIS_YEAR = date.today().year


def axes_input(*titles_and_enjeux):
    return [AxisInput(title=title, enjeux=enjeux, levels=[1], objectives=[])
            for title, enjeux in titles_and_enjeux]


def strategy(cluster, by, start, end, *axes):
    """A strategy with these axes (two at least: a second on enjeu D is added to one)."""
    axes = axes or (("Gouvernance partagée", ["A"]), ("Sobriété des événements", ["B", "C"]))
    if len(axes) == 1:
        axes = (*axes, ("Recherche partagée", ["D"]))
    return strategy_services.strategy_save(
        cluster=cluster, by=by, start_year=start, end_year=end, responsible=by,
        axes=axes_input(*axes))


@pytest.fixture
def current(cluster_a, editor):
    """A draft strategy covering this year: its axes are offered."""
    return strategy(cluster_a, editor, THIS_YEAR - 1, THIS_YEAR + 1)


def axis(strategy_, order):
    return strategy_.axes.get(order=order)


def url(name, cluster, *args):
    return reverse(f"plans:{name}", args=[cluster.slug, *args])


def form_data(**changes):
    data = {"title": "Plan de mobilité", "status": "planned", "owner": "", "owner_name": "",
            "starts_on": "", "due_on": "", "done_on": "", "indicator": "", "unit": "",
            "baseline": "", "target": "", "measured": "", "notes": "", "axis": ""}
    return data | changes


# --- which axes plans may offer ---


def test_the_axes_offered_are_those_of_the_strategy_covering_this_year(
        cluster_a, cluster_b, editor, outsider, current, django_assert_num_queries):
    past = strategy(cluster_a, editor, THIS_YEAR - 4, THIS_YEAR - 2, ("Ancien axe", ["D"]))
    strategy(cluster_b, outsider, THIS_YEAR - 1, THIS_YEAR + 1, ("Axe de B", ["A"]))
    with django_assert_num_queries(1):
        offered = plan_axes(cluster_a)
    period = f"{THIS_YEAR - 1}–{THIS_YEAR + 1}"
    assert offered == [
        PlanAxis(axis(current, 1).pk, f"Axe 1 · Gouvernance partagée ({period})", ("A",), True),
        PlanAxis(axis(current, 2).pk, f"Axe 2 · Sobriété des événements ({period})",
                 ("B", "C"), True)]
    # An axis of another period comes when asked for (an action serves it), after them.
    old = axis(past, 1)
    assert [(row.pk, row.current) for row in plan_axes(cluster_a, [old.pk])][-1] == (old.pk,
                                                                                      False)
    # Never another cluster's.
    other = cluster_b.strategies.get().axes.get(order=1)
    assert other.pk not in {row.pk for row in plan_axes(cluster_a, [other.pk])}


def test_planifier_proposes_the_first_current_axis_covering_the_enjeu(cluster_a, current):
    offered = plan_axes(cluster_a)
    assert axis_for_enjeu(offered, "C").pk == axis(current, 2).pk
    assert axis_for_enjeu(offered, "A").pk == axis(current, 1).pk
    assert axis_for_enjeu(offered, "D") is None
    assert axis_for_enjeu(offered, None) is None
    stale = [PlanAxis(1, "Ancien", ("C",), False), *offered]
    assert axis_for_enjeu(stale, "C").pk == axis(current, 2).pk


def test_the_rules_name_an_axis_not_offered_on_its_field():
    problems = rules.action_problems(
        title="T", texts={}, starts_on=None, due_on=None, numbers={}, question_codes=[],
        known_codes=set(), sheet_numbers=[], known_sheets=set(), axis=7, known_axes={3})
    assert list(problems) == ["axis"]
    assert rules.action_problems(
        title="T", texts={}, starts_on=None, due_on=None, numbers={}, question_codes=[],
        known_codes=set(), sheet_numbers=[], known_sheets=set(), axis=3,
        known_axes={3}) == {}


# --- writing ---


def test_an_action_serves_an_axis_and_its_history_says_which(cluster_a, editor, current):
    first, second = axis(current, 1), axis(current, 2)
    action = services.action_create(cluster=cluster_a, by=editor, title="Charte", axis=first.pk)
    assert action.axis == first
    action = services.action_update(action=action, by=editor, axis=second.pk)
    assert Action.objects.get(pk=action.pk).axis == second
    assert list(action.history.values_list("axis_id", flat=True)) == [second.pk, first.pk]
    _page, entries = action_history(action)
    assert [(c.field, c.old, c.new) for c in entries[0].changes] == [
        ("Axe stratégique", "Gouvernance partagée", "Sobriété des événements")]
    # Left out, the axis stays; None takes it off.
    services.action_update(action=action, by=editor, title="Charte RSE")
    assert Action.objects.get(pk=action.pk).axis == second
    services.action_update(action=action, by=editor, axis=None)
    assert Action.objects.get(pk=action.pk).axis is None


def test_an_axis_not_offered_is_refused_and_nothing_written(cluster_a, cluster_b, editor,
                                                            outsider, current):
    theirs = strategy(cluster_b, outsider, THIS_YEAR, THIS_YEAR, ("Axe de B", ["A"]))
    future = strategy(cluster_a, editor, THIS_YEAR + 2, THIS_YEAR + 3, ("Plus tard", ["D"]))
    for refused in (axis(theirs, 1).pk, axis(future, 1).pk, 999999):
        with pytest.raises(ValidationError) as error:
            services.action_create(cluster=cluster_a, by=editor, title="T", axis=refused)
        assert list(error.value.message_dict) == ["axis"]
    assert not Action.objects.exists()


def test_an_action_keeps_the_axis_of_a_past_period(cluster_a, editor):
    past = strategy(cluster_a, editor, THIS_YEAR - 1, THIS_YEAR)
    action = services.action_create(cluster=cluster_a, by=editor, title="T",
                                    axis=axis(past, 1).pk)
    past.end_year = past.start_year = THIS_YEAR - 2  # the period has ended since
    past.save()
    updated = services.action_update(action=action, by=editor, title="T2")
    assert updated.axis_id == axis(past, 1).pk
    with pytest.raises(ValidationError):  # but it may not be chosen again once left
        services.action_update(action=updated, by=editor, axis=axis(past, 2).pk)


# --- the form ---


def test_the_form_offers_the_axes_only_when_the_cluster_has_some(cluster_a, editor_client):
    html = editor_client.get(url("action-create", cluster_a)).content.decode()
    assert 'name="axis"' not in html


def test_a_refused_axis_comes_back_on_its_field_with_the_form_kept(cluster_a, cluster_b,
                                                                   outsider, editor_client,
                                                                   current):
    theirs = strategy(cluster_b, outsider, THIS_YEAR, THIS_YEAR, ("Axe de B", ["A"]))
    response = editor_client.post(url("action-create", cluster_a), form_data(
        title="Tapé à la main", axis=str(axis(theirs, 1).pk)))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert list(errors) == ["axis"] and "stratégie du pôle" in errors["axis"][0]
    assert 'value="Tapé à la main"' in response.content.decode()
    assert not Action.objects.exists()


def test_the_editor_chooses_an_axis_in_the_form(cluster_a, editor_client, current):
    chosen = axis(current, 2)
    response = editor_client.get(url("action-create", cluster_a))
    assert f"Axe 2 · Sobriété des événements ({THIS_YEAR - 1}–{THIS_YEAR + 1})" in (
        response.content.decode())
    response = editor_client.post(url("action-create", cluster_a),
                                  form_data(axis=str(chosen.pk)))
    assert response.status_code == 302
    action = Action.objects.get()
    assert action.axis == chosen
    page = editor_client.get(url("action-edit", cluster_a, action.pk)).content.decode()
    assert f'<option value="{chosen.pk}" selected>' in page
    assert "Sobriété des événements" in editor_client.get(
        url("action-detail", cluster_a, action.pk)).content.decode()


def test_planifier_preselects_the_axis_of_the_recommendations_enjeu(cluster_a, editor_client,
                                                                    current, version):
    # 2C-3 is of enjeu C, which the second axis covers.
    response = editor_client.get(url("action-create", cluster_a)
                                 + "?question=2C-3&fiche=22&titre=Former+les+RH")
    form = response.context["form"]
    assert form["axis"].value() == str(axis(current, 2).pk)
    assert [(chip.field, chip.text) for chip in form.chips][-1] == (
        "axis", f"Axe 2 · Sobriété des événements ({THIS_YEAR - 1}–{THIS_YEAR + 1})")
    # From a sheet alone (sheet 1 is of section 1A, enjeu A): the first axis.
    response = editor_client.get(url("action-create", cluster_a) + "?fiche=1")
    assert response.context["form"]["axis"].value() == str(axis(current, 1).pk)
    # An enjeu no axis covers (D): none proposed, no chip.
    response = editor_client.get(url("action-create", cluster_a) + "?question=2D-2")
    assert not response.context["form"]["axis"].value()
    assert all(chip.field != "axis" for chip in response.context["form"].chips)


# --- the plan page ---


@pytest.fixture
def planned(cluster_a, editor, current):
    first, second = axis(current, 1), axis(current, 2)
    for title, chosen in (("Charte", first), ("Covoiturage", second), ("Tri", second),
                          ("Sans lien", None)):
        services.action_create(cluster=cluster_a, by=editor, title=title,
                               axis=chosen.pk if chosen else None)
    return first, second


def titles(group):
    return [row["action"].title for row in group.rows]


def test_the_plan_groups_actions_under_their_axes_then_without(cluster_a, board_client,
                                                               planned):
    response = board_client.get(url("action-list", cluster_a))
    groups = response.context["groups"]
    assert [(group.axis.pk if group.axis else None, titles(group)) for group in groups] == [
        (planned[0].pk, ["Charte"]), (planned[1].pk, ["Covoiturage", "Tri"]),
        (None, ["Sans lien"])]
    html = response.content.decode()
    assert html.index("Axe 1 · Gouvernance") < html.index("Axe 2 · Sobriété") < html.index(
        "Sans axe")


def test_the_plan_filters_by_axis_and_says_so(cluster_a, editor_client, planned):
    response = editor_client.get(url("action-list", cluster_a), {"axe": planned[1].pk})
    assert [titles(group) for group in response.context["groups"]] == [["Covoiturage", "Tri"]]
    html = response.content.decode()
    assert "Filtré sur l'axe « Axe 2 · Sobriété des événements" in html
    assert f'<option value="{planned[1].pk}" selected>' in html
    response = editor_client.get(url("action-list", cluster_a), {"axe": "aucun"})
    assert [titles(group) for group in response.context["groups"]] == [["Sans lien"]]


@pytest.mark.parametrize("value", ["999999", "x' OR 1", "aucun-axe"])
def test_an_unknown_axis_filter_is_said_and_ignored(cluster_a, editor_client, planned, value):
    response = editor_client.get(url("action-list", cluster_a), {"axe": value})
    assert response.status_code == 200
    assert messages_of(response) == [f"Filtre ignoré : Axe inconnu : « {value} »."]
    assert len(response.context["rows"]) == 4


def test_a_cluster_without_axes_reads_its_plan_as_before(cluster_a, editor, editor_client):
    services.action_create(cluster=cluster_a, by=editor, title="Seule")
    response = editor_client.get(url("action-list", cluster_a), {"axe": "3"})
    html = response.content.decode()
    assert 'name="axe"' not in html and "Sans axe" not in html and "Seule" in html
    assert messages_of(response) == ["Filtre ignoré : Axe inconnu : « 3 »."]


def test_the_plan_reads_constant_queries_whatever_its_actions_and_axes(
        cluster_a, editor, editor_client, django_assert_num_queries):
    def add(count, start):
        made = strategy(cluster_a, editor, start, start + 1,
                        *((f"Axe {n}", ["A"]) for n in range(min(count, 6))))
        axes = list(made.axes.all())
        for n in range(count):
            services.action_create(cluster=cluster_a, by=editor, title=f"A{n}", sheets=["12"],
                                   owner=editor, axis=axes[n % len(axes)].pk)
        return made

    first = add(2, THIS_YEAR)
    with CaptureQueriesContext(connection) as two:
        assert editor_client.get(url("action-list", cluster_a)).status_code == 200
    # Ten actions over six axes, two periods (the old one's axes still served).
    first.start_year = first.end_year = THIS_YEAR - 3
    first.save()
    add(8, THIS_YEAR - 1)
    with django_assert_num_queries(len(two.captured_queries)):
        response = editor_client.get(url("action-list", cluster_a))
    assert len(response.context["rows"]) == 10 and len(response.context["groups"]) == 6 + 2


def test_others_never_see_a_clusters_plan_by_axis(cluster_a, planned, outsider_client,
                                                  anonymous, coordinator):
    target = url("action-list", cluster_a) + f"?axe={planned[0].pk}"
    assert_hidden_from_outsider(outsider_client.get(target), cluster_a)
    assert_hidden_from_outsider(logged_in(coordinator).get(target), cluster_a)
    assert anonymous.get(target).status_code == 302


# --- the strategy page ---


def test_the_strategy_page_lists_the_actions_of_each_axis(cluster_a, board, planned):
    start = timezone.localdate().year - 1
    response = logged_in(board).get(reverse("strategy:period", args=[cluster_a.slug, start]))
    html = response.content.decode()
    plan = url("action-list", cluster_a)
    assert f'href="{plan}?axe={planned[1].pk}">2 actions au plan sur cet axe' in html
    assert f'href="{plan}?axe={planned[0].pk}">1 action au plan sur cet axe' in html
    assert "Covoiturage" in html and "Sans lien" not in html
