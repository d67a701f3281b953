import pytest
from django.core.exceptions import ValidationError

from plans.services import action_create
from strategy import services
from strategy.models import Axis, Decision, Objective, Strategy
from strategy.rules import AxisInput, ObjectiveInput

from .helpers import arguments, two_axes

pytestmark = pytest.mark.django_db


def save(cluster, by, **changes):
    return services.strategy_save(by=by, **arguments(cluster, by, **changes))


def refused(cluster, by, **changes) -> list[str]:
    before = (Strategy.objects.count(), Axis.objects.count(), Objective.objects.count(),
              Strategy.history.count())
    with pytest.raises(ValidationError) as error:
        save(cluster, by, **changes)
    assert (Strategy.objects.count(), Axis.objects.count(), Objective.objects.count(),
            Strategy.history.count()) == before  # nothing stored
    return error.value.messages


def test_a_strategy_is_saved_with_its_axes_and_objectives(cluster_a, editor, board):
    strategy = save(cluster_a, editor, responsible=board)
    assert (strategy.period, strategy.status, strategy.responsible) == ("2025–2027", "draft",
                                                                        board)
    axes = list(strategy.axes.all())
    assert [axis.title for axis in axes] == ["Gouvernance partagée", "Sobriété des événements"]
    assert axes[0].levels == [1, 2] and axes[0].question_codes == ["1A-1"]
    assert [(o.kind, o.reference, o.target, o.year) for o in axes[1].objectives.all()] == [
        ("section", "2B", 45, 2026), ("level", "2", 40, 2027)]
    assert strategy.history.count() == 1 and Axis.history.count() == 2


def test_an_indicator_of_the_plan_may_be_an_objective(cluster_a, editor):
    action = action_create(cluster=cluster_a, by=editor, title="Bilan carbone",
                           indicator="Émissions", unit="tCO2e", baseline="184.5", target="150")
    axes = two_axes(objectives=[ObjectiveInput(f"indicator:{action.pk}", "150", "2027")])
    objective = save(cluster_a, editor, axes=axes).axes.first().objectives.get()
    assert (objective.kind, objective.action, objective.target) == ("indicator", action, 150)


@pytest.mark.parametrize(("changes", "message"), [
    ({"axes": two_axes()[:1]}, "Une stratégie compte de 2 à 6 axes (celle-ci en a 1)."),
    ({"axes": two_axes() * 4}, "Une stratégie compte de 2 à 6 axes (celle-ci en a 8)."),
    ({"start_year": 2027, "end_year": 2025},
     "La période finit (2025) avant de commencer (2027)."),
    ({"start_year": "", "end_year": 2025},
     "Indiquez la première et la dernière année de la période."),
    ({"axes": two_axes(objectives=[ObjectiveInput("enjeu:A", "120", "2027")])},
     "Axe 1 : objectif 1 : une note cible est entre 0 et 100 % (et non 120)."),
    ({"axes": two_axes(objectives=[ObjectiveInput("enjeu:A", "-1", "2027")])},
     "Axe 1 : objectif 1 : une note cible est entre 0 et 100 % (et non -1)."),
    ({"axes": two_axes(objectives=[ObjectiveInput("enjeu:A", "50", "2030")])},
     "Axe 1 : objectif 1 : l'échéance 2030 est hors de la période 2025–2027."),
    ({"axes": two_axes(objectives=[ObjectiveInput("enjeu:A", "beaucoup", "2027")])},
     "Axe 1 : objectif 1 : la cible « beaucoup » n'est pas un nombre."),
    ({"axes": two_axes(objectives=[ObjectiveInput("enjeu:Z", "50", "2027")])},
     "Axe 1 : objectif 1 : choisissez ce qu'il vise (un enjeu, une section, un niveau ou "
     "l'indicateur d'une action)."),
    ({"axes": two_axes(title=" ")}, "Axe 1 : donnez-lui un intitulé."),
    ({"axes": two_axes(enjeux=[])}, "Axe 1 : choisissez au moins un enjeu."),
    ({"axes": two_axes(question_codes=["9Z-9"])}, "Axe 1 : code inconnu : « 9Z-9 »."),
    ({"organisations": "ADEME (jean.dupont@ademe.fr)"},
     "Les organisations ne doit contenir ni adresse électronique ni numéro de téléphone : "
     "nommez des organisations ou des fonctions, pas les coordonnées de personnes."),
    ({"process": "Appeler Mme X au 06 12 34 56 78"},
     "L'élaboration de la stratégie ne doit contenir ni adresse électronique ni numéro de "
     "téléphone : nommez des organisations ou des fonctions, pas les coordonnées de "
     "personnes."),
    ({"process": "Joindre le +33 2 98 00 00 00"},
     "L'élaboration de la stratégie ne doit contenir ni adresse électronique ni numéro de "
     "téléphone : nommez des organisations ou des fonctions, pas les coordonnées de "
     "personnes."),
    ({"stakeholders": ["lobby"]}, "Catégorie de parties prenantes inconnue : « lobby »."),
    ({"responsible": None},
     "Nommez le membre du pôle responsable du développement durable."),
])
def test_bad_input_is_refused_with_its_message_and_nothing_stored(cluster_a, editor, changes,
                                                                   message):
    assert message in refused(cluster_a, editor, **changes)


def test_a_year_and_a_number_in_the_texts_are_not_phone_numbers(cluster_a, editor):
    strategy = save(cluster_a, editor, process="Feuille de route 2025-2027, 12 ateliers, 300 "
                                               "adhérents consultés en 2024.")
    assert strategy.process.startswith("Feuille")


def test_the_responsible_is_a_member_of_the_cluster(cluster_a, editor, outsider):
    assert ("Le responsable du développement durable doit être membre du pôle."
            in refused(cluster_a, editor, responsible=outsider))


def test_periods_of_a_cluster_never_overlap(cluster_a, cluster_b, editor, outsider):
    save(cluster_a, editor)
    assert ("La période 2027–2029 chevauche celle de la stratégie 2025–2027."
            in refused(cluster_a, editor, start_year=2027, end_year=2029))
    no_targets = [AxisInput(title="Gouvernance", enjeux=["A"], levels=[1]),
                  AxisInput(title="Environnement", enjeux=["B"], levels=[2])]
    save(cluster_a, editor, start_year=2028, end_year=2030, axes=no_targets)
    save(cluster_b, outsider)  # another cluster's periods are its own


def test_an_objective_aims_only_at_an_indicator_of_the_clusters_plan(cluster_a, cluster_b,
                                                                     editor, outsider):
    theirs = action_create(cluster=cluster_b, by=outsider, title="Leur action",
                           indicator="Tonnes", target="10")
    no_target = action_create(cluster=cluster_a, by=editor, title="Sans cible", indicator="x")
    for action in (theirs, no_target):
        axes = two_axes(objectives=[ObjectiveInput(f"indicator:{action.pk}", "5", "2026")])
        assert ("Axe 1 : objectif 1 : l'action choisie n'est pas une action du plan du pôle "
                "ayant un indicateur." in refused(cluster_a, editor, axes=axes))


def test_an_edit_updates_axes_in_place_and_drops_those_left_out(cluster_a, editor):
    strategy = save(cluster_a, editor)
    first = strategy.axes.get(order=1)
    axes = two_axes(title="Gouvernance ouverte") + [
        AxisInput(title="Compétences", enjeux=["C"], levels=[1])]
    services.strategy_save(strategy=strategy, by=editor, **arguments(cluster_a, editor,
                                                                     axes=axes))
    assert strategy.axes.get(order=1).pk == first.pk
    assert [a.title for a in strategy.axes.all()] == ["Gouvernance ouverte",
                                                      "Sobriété des événements", "Compétences"]
    assert first.history.count() == 2  # created, changed
    services.strategy_save(strategy=strategy, by=editor, **arguments(cluster_a, editor))
    assert strategy.axes.count() == 2
    assert Axis.history.filter(history_type="-").count() == 1


def test_the_team_submits_and_the_board_approves(cluster_a, editor, board):
    strategy = save(cluster_a, editor)
    with pytest.raises(ValidationError, match="Seule la gouvernance du pôle approuve"):
        services.strategy_approve(strategy=strategy, by=editor)
    with pytest.raises(ValidationError, match="Seule l'équipe du pôle soumet"):
        services.strategy_submit(strategy=strategy, by=board)
    with pytest.raises(ValidationError, match="est « brouillon »"):
        services.strategy_approve(strategy=strategy, by=board)
    services.strategy_submit(strategy=strategy, by=editor)
    with pytest.raises(ValidationError, match="ne change plus avant sa décision"):
        save(cluster_a, editor, strategy=strategy)
    approved = services.strategy_approve(strategy=strategy, by=board, comment="Vu en CA.")
    assert approved.status == "approved"
    assert [(d.to_status, d.comment, d.author) for d in strategy.decisions.all()] == [
        ("submitted", "", "Élise Martin"), ("approved", "Vu en CA.", "Bruno Durand")]


def test_the_board_returns_with_a_comment_only(cluster_a, editor, board):
    strategy = save(cluster_a, editor)
    services.strategy_submit(strategy=strategy, by=editor)
    with pytest.raises(ValidationError) as error:
        services.strategy_return(strategy=strategy, by=board, comment=" ")
    assert error.value.message_dict == {
        "comment": ["Dites à l'équipe ce qui est à revoir (commentaire obligatoire)."]}
    assert Strategy.objects.get().status == "submitted"
    services.strategy_return(strategy=strategy, by=board, comment="Chiffrez l'axe 2.")
    assert Strategy.objects.get().status == "returned"
    save(cluster_a, editor, strategy=strategy)
    assert Strategy.objects.get().status == "returned"  # until submitted again
    services.strategy_submit(strategy=strategy, by=editor)


def test_editing_an_approved_strategy_puts_it_back_to_draft(cluster_a, editor, board):
    strategy = save(cluster_a, editor)
    services.strategy_submit(strategy=strategy, by=editor)
    services.strategy_approve(strategy=strategy, by=board)
    save(cluster_a, editor, strategy=strategy, process="Revu en 2026.")
    strategy.refresh_from_db()
    assert strategy.status == "draft"
    assert strategy.decisions.last().label == "Remise en brouillon (modifiée après approbation)"
    approved = strategy.history.filter(status="approved").first()
    assert approved.process == "Un groupe de travail du CA, deux ateliers."  # still readable


def test_a_new_period_starts_from_the_previous_one(cluster_a, editor, board):
    previous = save(cluster_a, editor, responsible=board)
    services.strategy_submit(strategy=previous, by=editor)
    services.strategy_approve(strategy=previous, by=board)
    strategy = services.strategy_renew(previous=previous, by=editor)
    assert (strategy.period, strategy.status, strategy.responsible) == ("2028–2030", "draft",
                                                                        board)
    assert [axis.title for axis in strategy.axes.all()] == [
        axis.title for axis in previous.axes.all()]
    assert [(o.reference, o.year) for o in Objective.objects.filter(axis__strategy=strategy)] == [
        ("A", 2030), ("2B", 2029), ("2", 2030)]
    assert previous.axes.count() == 2 and not Decision.objects.filter(strategy=strategy)
    with pytest.raises(ValidationError, match="chevauche"):
        services.strategy_renew(previous=previous, by=editor)


def test_a_save_over_someone_elses_later_change_is_refused(cluster_a, editor, board):
    strategy = save(cluster_a, editor)
    loaded = strategy.revision
    services.strategy_save(strategy=strategy, by=board, revision=loaded,
                           **arguments(cluster_a, editor, process="Par le CA."))
    with pytest.raises(ValidationError) as error:
        services.strategy_save(strategy=strategy, by=editor, revision=loaded,
                               **arguments(cluster_a, editor, process="Par l'équipe."))
    assert error.value.messages[0].startswith("Bruno Durand a modifié cette stratégie le ")
    strategy.refresh_from_db()
    assert (strategy.process, strategy.revision) == ("Par le CA.", loaded + 1)
