from django.core.management.base import BaseCommand

from accounts.tasks import send_pending


class Command(BaseCommand):
    help = (
        "Renvoie les courriels que le serveur de courrier a refusés ou n'a pas reçus à temps "
        "(à lancer régulièrement, par cron ou un timer systemd ; sans effet s'il n'y en a pas)."
    )

    def handle(self, *args, **options):
        sent, left = send_pending()
        self.stdout.write(f"{sent} courriel(s) envoyé(s), {left} encore en attente.")
