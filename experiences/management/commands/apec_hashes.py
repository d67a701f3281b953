from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from experiences.apec import WINDOW, window_hashes

DEFAULT_OUTPUT = settings.BASE_DIR / "fixtures" / "sources" / "apec-12-word-hashes.txt"


class Command(BaseCommand):
    help = (
        f"Écrit l'empreinte SHA-256 de chaque suite de {WINDOW} mots du texte de l'étude Apec, "
        "dont la reproduction est interdite : les tests vérifient ainsi que nos résumés ne la "
        "copient pas, sans garder le texte dans le dépôt."
    )

    def add_arguments(self, parser):
        parser.add_argument("seed", type=Path, help="texte de l'étude Apec 2016")
        parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)

    def handle(self, *args, seed: Path, output: Path, **options):
        if not seed.is_file():
            raise CommandError(f"Texte introuvable : {seed}")
        hashes = sorted(window_hashes(seed.read_text(encoding="utf-8")))
        output.write_text("\n".join(hashes) + "\n", encoding="ascii")
        self.stdout.write(self.style.SUCCESS(f"{len(hashes)} empreintes écrites : {output}"))
