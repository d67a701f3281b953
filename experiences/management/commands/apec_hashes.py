from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from experiences.apec import WINDOW, window_hashes
from experiences.provenance import APEC_LINE_NUMBERS, apec_line_hashes, write_apec_line_hashes

SOURCES = settings.BASE_DIR / "fixtures" / "sources"


class Command(BaseCommand):
    help = (
        f"Écrit l'empreinte SHA-256 de chaque suite de {WINDOW} mots du texte de l'étude Apec, "
        "dont la reproduction est interdite : les tests vérifient ainsi que nos résumés ne la "
        "copient pas, sans garder le texte dans le dépôt. Écrit aussi, ligne par ligne, "
        "l'empreinte des nombres que l'étude imprime, pour vérifier les chiffres clés cités."
    )

    def add_arguments(self, parser):
        parser.add_argument("seed", type=Path, help="texte de l'étude Apec 2016")
        parser.add_argument("--output", type=Path, default=SOURCES / "apec-12-word-hashes.txt")
        parser.add_argument("--line-numbers-output", type=Path, default=SOURCES / APEC_LINE_NUMBERS)

    def handle(self, *args, seed: Path, output: Path, line_numbers_output: Path, **options):
        if not seed.is_file():
            raise CommandError(f"Texte introuvable : {seed}")
        text = seed.read_text(encoding="utf-8")
        hashes = sorted(window_hashes(text))
        output.write_text("\n".join(hashes) + "\n", encoding="ascii")
        self.stdout.write(self.style.SUCCESS(f"{len(hashes)} empreintes écrites : {output}"))
        lines = apec_line_hashes(text)
        line_numbers_output.write_text(write_apec_line_hashes(lines), encoding="ascii")
        self.stdout.write(
            self.style.SUCCESS(f"Nombres de {len(lines)} lignes écrits : {line_numbers_output}")
        )
