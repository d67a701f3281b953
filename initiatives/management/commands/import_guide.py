from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from initiatives.guide_import.build import build

DEFAULT_SEED = settings.BASE_DIR / "fixtures" / "sources" / "guide-cgdd-2012.txt"
DEFAULT_OUTPUT = settings.BASE_DIR / "fixtures" / "guide.json"


class Command(BaseCommand):
    help = (
        "Lit le texte du guide CGDD 2012 et écrit la fixture du contenu (fiches, leviers, "
        "parcours, glossaire, grille). Chargez-la ensuite avec « loaddata guide »."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=Path, default=DEFAULT_SEED, help="texte du guide")
        parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="fixture à écrire")
        parser.add_argument(
            "--check",
            action="store_true",
            help=(
                "n'écrit rien ; échoue si le contenu tiré du guide garde un défaut de conversion "
                "(HTML, liste ou titre mal imbriqués, habillage des pages, levier manquant) ou si "
                "la fixture existante diffère de ce que donne le guide"
            ),
        )

    def handle(self, *args, seed: Path, output: Path, check: bool, **options):
        if not seed.is_file():
            raise CommandError(f"Texte du guide introuvable : {seed}")
        try:
            text, faults = build(seed)
        except ValueError as error:  # the importer's own checks against the guide's structure
            raise CommandError(f"Le texte du guide ne se lit pas : {error}") from error
        if faults:  # neither written nor passed: the site would show them
            raise CommandError(
                f"{len(faults)} défaut(s) de conversion dans le contenu tiré de {seed} :\n"
                + "\n".join(f"- {fault}" for fault in faults)
            )
        if check:
            if not output.is_file() or output.read_text(encoding="utf-8") != text:
                raise CommandError(f"{output} ne correspond pas au guide : relancez import_guide.")
            self.stdout.write(f"{output} est à jour.")
            return
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Fixture écrite : {output}"))
