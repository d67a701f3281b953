from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from plans.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Rappelle à l'équipe de chaque pôle ses actions en retard ou à échéance dans les 7 jours, "
        "une fois par semaine au plus par action (à lancer chaque jour ou chaque semaine, par "
        "cron ou un timer systemd ; relancé, il n'envoie rien deux fois)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="le jour à prendre pour aujourd'hui (AAAA-MM-JJ)")

    def handle(self, *args, today=None, **options):
        try:
            day = date.fromisoformat(today) if today else timezone.localdate()
        except ValueError:
            raise CommandError(
                f"--today : date attendue au format AAAA-MM-JJ, pas {today!r}") from None
        sent = send_reminders(day)
        for reminded in sent:
            self.stdout.write(
                f"{reminded.cluster.name} : {len(reminded.overdue)} action(s) en retard, "
                f"{len(reminded.soon)} à échéance, rappelée(s) à {reminded.people} personne(s)."
            )
        actions = sum(len(r.overdue) + len(r.soon) for r in sent)
        self.stdout.write(f"{day:%Y-%m-%d} : {actions} action(s) rappelée(s), "
                          f"{len(sent)} pôle(s).")
