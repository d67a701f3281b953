from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from grid.demo import load_demo


class Command(BaseCommand):
    help = (
        "Charge les données de démonstration (deux pôles, trois années, comptes equipe, conseil, "
        "reseau et admin, mot de passe « demo »). Refusé hors mode DEBUG."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Les données de démonstration ne se chargent qu'en mode DEBUG.")
        if load_demo():
            self.stdout.write(self.style.SUCCESS("Démo chargée : equipe, conseil, reseau, admin."))
        else:
            self.stdout.write("Démo déjà présente : rien à faire.")
