"""The demo spans the assessment (grid), the plan (plans) and the strategy: its command sits
above them."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from grid.demo import load_demo
from network.demo import load_demo_network
from plans.demo import load_demo_plan
from strategy.demo import load_demo_strategy


class Command(BaseCommand):
    help = (
        "Charge les données de démonstration (deux pôles, trois années, un plan d'actions, une "
        "stratégie 2025–2027 approuvée, un "
        "réseau de vingt-quatre pôles fictifs coordonné par reseau, comptes equipe, conseil, "
        "reseau et admin, mot de passe « demo »). Refusé hors mode DEBUG."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Les données de démonstration ne se chargent qu'en mode DEBUG.")
        if load_demo():
            load_demo_plan()
            load_demo_strategy()
            load_demo_network()
            self.stdout.write(self.style.SUCCESS("Démo chargée : equipe, conseil, reseau, admin."))
        else:
            self.stdout.write("Démo déjà présente : rien à faire.")
