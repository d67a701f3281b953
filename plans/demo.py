"""The demo cluster's plan: actions in each status, one step marked by hand (`load_demo`)."""

from datetime import date

from django.contrib.auth import get_user_model

from clusters.models import Cluster
from initiatives.models import PathStep

from . import services


def load_demo_plan() -> None:
    cluster = Cluster.objects.get(slug="pole-littoral-durable")
    editor = get_user_model().objects.get(username="equipe")

    def action(title, **fields):
        return services.action_create(cluster=cluster, by=editor, title=title, **fields)

    action("Accompagner les chantiers navals vers l'écologie industrielle", sheets=["17"],
           question_codes=["2B-7"], owner_name="Chargée de mission filière",
           starts_on=date(2024, 9, 1), due_on=date(2025, 6, 30), status="done",
           done_on=date(2025, 5, 20), indicator="Entreprises accompagnées", unit="entreprises",
           baseline=0, target=15, measured=17,
           notes="Douze chantiers suivis au port de commerce, avec l'appui de la CCI.")
    action("Plan de déplacements inter-entreprises de la zone portuaire", sheets=["21"],
           question_codes=["1C-2"], owner=editor, starts_on=date(2025, 1, 15),
           due_on=date(2026, 6, 30), status="in_progress",
           indicator="Salariés couverts par le plan", unit="salariés", baseline=0,
           target=1200, measured=450)
    action("Formaliser la stratégie de développement durable du pôle", sheets=["+"],
           question_codes=["S-1", "S-2"], owner_name="Direction du pôle",
           starts_on=date(2025, 1, 1), due_on=date(2025, 10, 31), status="planned")
    action("Label environnemental des adhérents", question_codes=["2B-8"], status="dropped",
           notes="Remplacée par l'accompagnement en écologie industrielle.")
    services.step_reach(cluster=cluster, step=PathStep.objects.get(path__code="GOU", step=1,
                                                                   option=None),
                        by=editor, reached_on=date(2024, 11, 5),
                        note="Cartographie des parties prenantes présentée au conseil.")
