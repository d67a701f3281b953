"""`manage.py generate_network`: a network of fictional clusters with years of assessments."""

from django.core.management.base import BaseCommand, CommandError

from network.generate import generate


class Command(BaseCommand):
    help = (
        "Crée (ou complète, sans doublon) un réseau de pôles fictifs avec leur profil et "
        "plusieurs années d'autoévaluations (validées, soumises, quelques brouillons), "
        "déterministe pour une graine donnée. Pour essayer les pages du réseau."
    )

    def add_arguments(self, parser):
        parser.add_argument("--network", required=True, help="identifiant d'URL du réseau")
        parser.add_argument("--name", help="nom du réseau (à la création ou pour le changer)")
        parser.add_argument("--clusters", type=int, required=True, help="nombre de pôles")
        parser.add_argument("--years", type=int, required=True, help="nombre d'années")
        parser.add_argument("--first-year", type=int, default=2016, help="première année")
        parser.add_argument("--seed", type=int, default=1, help="graine du hasard")

    def handle(self, *args, **options):
        if options["clusters"] < 1 or options["years"] < 1:
            raise CommandError("--clusters et --years doivent valoir au moins 1.")
        if not 2000 <= options["first_year"] <= 2100 - options["years"] + 1:
            raise CommandError("Les années doivent rester entre 2000 et 2100.")
        verbose = options["verbosity"] > 1
        counts = generate(
            network_slug=options["network"], name=options["name"],
            clusters=options["clusters"], years=options["years"],
            first_year=options["first_year"], seed=options["seed"],
            progress=self.stdout.write if verbose else None,
        )
        statuses = ", ".join(f"{k} {v}" for k, v in sorted(counts.statuses.items()))
        self.stdout.write(self.style.SUCCESS(
            f"Réseau « {options['network']} » : {counts.clusters} pôles, {counts.campaigns} "
            f"campagnes, {counts.assessments} autoévaluations ({statuses or 'aucune'}), "
            f"{counts.answers} réponses, {counts.custom_answers} autres actions, "
            f"{counts.transitions} transitions créés en {counts.seconds:.1f} s."
        ))
