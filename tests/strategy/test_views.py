import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans.models import Action
from strategy import services
from strategy.models import Strategy
from strategy.rules import AxisInput, ObjectiveInput
from tests.fixtures import fill

from .helpers import arguments

pytestmark = pytest.mark.django_db


def form_data(responsible, axes, **fields) -> dict:
    data = {"start_year": "2025", "end_year": "2027", "responsible": str(responsible.pk),
            "process": "Groupe de travail du CA.", "stakeholders": ["company", "research"],
            "organisations": "ADEME"} | fields
    for number, axis in enumerate(axes, 1):
        prefix = f"axis-{number}-"
        for key, value in axis.items():
            if key == "objectives":
                for rank, (ref, target, year) in enumerate(value, 1):
                    data |= {f"{prefix}objective_{rank}_target_ref": ref,
                             f"{prefix}objective_{rank}_target": target,
                             f"{prefix}objective_{rank}_year": year}
            else:
                data[prefix + key] = value
    return data


AXES = [
    {"title": "Gouvernance partagée", "enjeux": ["A"], "levels": ["1", "2"],
     "section_codes": ["1A"], "question_codes": ["1A-1"], "rationale": "Concertation faible.",
     "objectives": [("enjeu:A", "60", "2027")]},
    {"title": "Sobriété", "enjeux": ["B"], "levels": ["2"],
     "objectives": [("section:2B", "45,5", "2026"), ("level:2", "40", "2027")]},
]


def page(client, cluster, *args, name="strategy:overview"):
    return client.get(reverse(name, args=[cluster.slug, *args]))


def test_without_a_strategy_the_team_is_offered_to_define_it(cluster_a, editor_client,
                                                             board_client):
    text = page(editor_client, cluster_a).content.decode()
    assert "Aucune stratégie pour l'instant." in text
    assert reverse("strategy:create", args=[cluster_a.slug]) in text
    text = page(board_client, cluster_a).content.decode()
    assert reverse("strategy:create", args=[cluster_a.slug]) not in text
    assert "L'équipe du pôle la rédige ; la gouvernance l'approuve." in text


def test_the_cluster_page_links_to_its_strategy(cluster_a, board_client):
    response = page(board_client, cluster_a, name="workspace:cluster-detail")
    assert reverse("strategy:overview", args=[cluster_a.slug]) in response.content.decode()


def test_the_team_drafts_a_strategy_and_the_board_approves_it(cluster_a, editor, board,
                                                             editor_client, board_client,
                                                             assessment):
    fill(assessment, editor, "-")
    create = reverse("strategy:create", args=[cluster_a.slug])
    form = editor_client.get(create).content.decode()
    assert "1A-1 · " in form and "plutôt pas d&#x27;accord" in form  # the diagnosis's answers
    response = editor_client.post(create, form_data(board, AXES))
    assert response.status_code == 302
    strategy = Strategy.objects.get()
    assert response["Location"] == reverse("strategy:period", args=[cluster_a.slug, 2025])
    text = editor_client.get(response["Location"]).content.decode()
    for expected in ("Stratégie de développement durable 2025–2027", "Bruno Durand",
                     "Axe 1 · Gouvernance partagée", "Enjeu A · Gouvernance ≥ 60 % en 2027",
                     "Section 2B ≥ 45,5 % en 2026", "entreprise membre, recherche ou formation",
                     "Concertation faible."):
        assert expected in text.replace("&#x27;", "'"), expected
    decision = reverse("strategy:decision", args=[cluster_a.slug, 2025])
    assert editor_client.post(decision, {"action": "approve"}).status_code == 403
    assert board_client.post(decision, {"action": "submit"}).status_code == 403
    assert editor_client.post(decision, {"action": "submit"}).status_code == 302
    text = page(board_client, cluster_a).content.decode()
    assert "Décision de la gouvernance" in text
    response = board_client.post(decision, {"action": "return", "comment": ""})
    assert response.status_code == 400
    assert "Dites à l&#x27;équipe ce qui est à revoir" in response.content.decode()
    assert board_client.post(decision, {"action": "approve", "comment": "Vu en CA."}
                             ).status_code == 302
    strategy.refresh_from_db()
    assert strategy.status == "approved"
    assert "Vu en CA." in page(editor_client, cluster_a).content.decode()


@pytest.mark.parametrize(("axes", "fields", "message"), [
    (AXES[:1], {}, "Une stratégie compte de 2 à 6 axes (celle-ci en a 1)."),
    (AXES, {"start_year": "2028"}, "La période finit (2027) avant de commencer (2028)."),
    ([AXES[0] | {"objectives": [("enjeu:A", "101", "2027")]}, AXES[1]], {},
     "Axe 1 : objectif 1 : une note cible est entre 0 et 100 % (et non 101)."),
    ([AXES[0] | {"objectives": [("enjeu:A", "50", "2024")]}, AXES[1]], {},
     "Axe 1 : objectif 1 : l'échéance 2024 est hors de la période 2025–2027."),
    (AXES, {"organisations": "Contact : 02 98 12 34 56"},
     "Les organisations ne doit contenir ni adresse électronique"),
])
def test_bad_input_comes_back_with_its_message_and_nothing_stored(cluster_a, board,
                                                                  editor_client, axes, fields,
                                                                  message):
    response = editor_client.post(reverse("strategy:create", args=[cluster_a.slug]),
                                  form_data(board, axes, **fields))
    assert response.status_code == 400
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not Strategy.objects.exists() and not Strategy.history.exists()


def test_a_responsible_outside_the_cluster_is_refused(cluster_a, outsider, editor_client):
    response = editor_client.post(reverse("strategy:create", args=[cluster_a.slug]),
                                  form_data(outsider, AXES))
    assert response.status_code == 400
    assert "doit être membre du pôle" in response.content.decode()
    assert not Strategy.objects.exists()


def test_more_axes_and_objectives_are_shown_on_demand_without_saving(cluster_a, board,
                                                                    editor_client):
    create = reverse("strategy:create", args=[cluster_a.slug])
    text = editor_client.get(create).content.decode()
    assert 'id="axis-2"' in text and 'id="axis-3"' not in text
    response = editor_client.post(create, form_data(board, AXES) | {"add_axis": "1"})
    text = response.content.decode()
    assert response.status_code == 200 and 'id="axis-3"' in text
    assert "id_axis-2-objective_3_target" in text and "id_axis-2-objective_4_target" not in text
    response = editor_client.post(create, form_data(board, AXES) | {"add_objective": "2"})
    assert "id_axis-2-objective_4_target" in response.content.decode()
    assert not Strategy.objects.exists()


def test_editing_an_approved_strategy_says_it_goes_back_to_draft(cluster_a, editor, board,
                                                                 editor_client):
    strategy = services.strategy_save(by=editor, **arguments(cluster_a, board))
    services.strategy_submit(strategy=strategy, by=editor)
    edit = reverse("strategy:edit", args=[cluster_a.slug, 2025])
    assert editor_client.get(edit).status_code == 302  # submitted: waits for the board
    services.strategy_approve(strategy=strategy, by=board)
    text = editor_client.get(edit).content.decode().replace("&#x27;", "'")
    assert "Cette stratégie est approuvée : l'enregistrer la remet en brouillon" in text
    assert 'value="Gouvernance partagée"' in text
    response = editor_client.post(edit, form_data(board, AXES))
    assert response.status_code == 302
    strategy.refresh_from_db()
    assert strategy.status == "draft"
    assert [axis.title for axis in strategy.axes.all()] == ["Gouvernance partagée", "Sobriété"]


def test_the_next_period_starts_from_this_one(cluster_a, editor, board, editor_client):
    services.strategy_save(by=editor, **arguments(cluster_a, board))
    response = editor_client.post(reverse("strategy:renew", args=[cluster_a.slug, 2025]))
    assert response["Location"] == reverse("strategy:edit", args=[cluster_a.slug, 2028])
    assert list(Strategy.objects.values_list("start_year", flat=True)) == [2028, 2025]
    text = page(editor_client, cluster_a, 2025, name="strategy:period").content.decode()
    assert "2028–2030" in text  # the periods' navigation
    assert page(editor_client, cluster_a, 2031, name="strategy:period").status_code == 404


def big_strategy(cluster, editor, board, axes: int, objectives: int):
    return services.strategy_save(by=editor, **arguments(cluster, board, axes=[
        AxisInput(title=f"Axe {n}", enjeux=["A", "B"], levels=[1, 2],
                  question_codes=["1A-1", "2B-1"], section_codes=["1A", "2B"],
                  objectives=[ObjectiveInput("enjeu:B", "45", "2027")] * objectives)
        for n in range(axes)]))


@pytest.mark.parametrize("name", ["strategy:overview", "strategy:edit"])
def test_queries_do_not_grow_with_axes_objectives_and_actions(cluster_a, editor, board,
                                                              editor_client, assessment, name):
    args = [] if name == "strategy:overview" else [2025]
    counts = []
    for axes, objectives in ((2, 1), (6, 6)):
        Strategy.objects.all().delete()
        strategy = big_strategy(cluster_a, editor, board, axes, objectives)
        # as many actions serving each axis as it has objectives (listed under it on the page)
        Action.objects.bulk_create(
            Action(cluster=cluster_a, title=f"Action {axis.order}.{n}", axis=axis)
            for axis in strategy.axes.all() for n in range(objectives))
        with CaptureQueriesContext(connection) as queries:
            response = page(editor_client, cluster_a, *args, name=name)
        assert response.status_code == 200
        if name == "strategy:overview":
            assert f"Action {axes}.{objectives - 1}" in response.content.decode()
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_a_page_loaded_before_someone_elses_save_saves_nothing(cluster_a, editor, board,
                                                               editor_client):
    strategy = services.strategy_save(by=editor, **arguments(cluster_a, board))
    edit = reverse("strategy:edit", args=[cluster_a.slug, 2025])
    assert f'name="revision" value="{strategy.revision}"' in editor_client.get(edit
                                                                               ).content.decode()
    services.strategy_save(strategy=strategy, by=editor, **arguments(cluster_a, board,
                                                                      process="Autre."))
    response = editor_client.post(edit, form_data(board, AXES, revision=str(strategy.revision)))
    assert response.status_code == 400
    assert "a modifié cette stratégie le" in response.content.decode()
    assert Strategy.objects.get().process == "Autre."
    response = editor_client.post(edit, form_data(board, AXES, revision="x"))
    assert "La version de la stratégie est illisible" in response.content.decode()
