"""The demo cluster's strategy (`load_demo`): 2025–2027, approved by the board, two axes drawn
from the 2023–2024 diagnosis, objectives some on track and some behind, and two of the plan's
actions serving its axes."""

from django.contrib.auth import get_user_model

from clusters.models import Cluster
from plans.models import Action

from . import services
from .rules import AxisInput, ObjectiveInput


def load_demo_strategy() -> None:
    cluster = Cluster.objects.get(slug="pole-littoral-durable")
    users = get_user_model().objects
    editor, board = users.get(username="equipe"), users.get(username="conseil")
    actions = Action.objects.filter(cluster=cluster)
    shipyards = actions.get(title__startswith="Accompagner les chantiers navals")
    commuting = actions.get(title__startswith="Plan de déplacements")
    formalise = actions.get(title__startswith="Formaliser la stratégie")
    axes = [
        AxisInput(
            title="Écologie industrielle et mobilité des salariés", enjeux=["B", "C"],
            levels=[2], section_codes=["2B", "1C"], question_codes=["2B-7", "1C-2"],
            rationale="Le diagnostic 2024 montre une filière navale demandeuse et des "
                      "déplacements domicile-travail peu mutualisés.",
            objectives=[ObjectiveInput("enjeu:B", "35", "2027"),
                        ObjectiveInput(f"indicator:{commuting.pk}", "1200", "2027")]),
        AxisInput(
            title="Une gouvernance partagée du développement durable", enjeux=["A", "D"],
            levels=[1], section_codes=["1A"],
            rationale="La concertation avec les parties prenantes reste informelle.",
            objectives=[ObjectiveInput("level:1", "60", "2027"),
                        ObjectiveInput("section:1A", "50", "2026")]),
    ]
    strategy = services.strategy_save(
        cluster=cluster, by=editor, start_year=2025, end_year=2027, responsible=board,
        process="Un groupe de travail du conseil d'administration et deux ateliers ouverts "
                "aux adhérents.",
        stakeholders=["company", "authority", "research"],
        organisations="Région Bretagne\nADEME\nCCI métropolitaine", axes=axes)
    services.strategy_submit(strategy=strategy, by=editor)
    services.strategy_approve(strategy=strategy, by=board,
                              comment="Approuvée en conseil d'administration.")
    first, second = strategy.axes.order_by("order")
    # Saved as such, not through plans.services, which offers only the axes of the period
    # covering today: the demo, loaded after 2027, still links them.
    for action, axis in ((shipyards, first), (formalise, second)):
        action.axis = axis
        action._history_user = editor
        action.save(update_fields=["axis", "updated_at"])
