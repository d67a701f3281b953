import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from grid.payload import PayloadError, parse_payload_text
from grid.scoring import score, scores_to_json
from grid.specs import grid_spec_by_code


class Command(BaseCommand):
    help = (
        "Calcule les notes d'une autoévaluation au format JSON d'échange (DESIGN §4) et les "
        "affiche en JSON. FICHIER peut être « - » pour lire l'entrée standard."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FICHIER", help="fichier JSON, ou « - » (stdin)")

    def handle(self, *args, file: str, **options):
        text = self._read(file)
        try:
            # JSON is decoded before the grid is looked up: bad files never touch the database.
            grid, payload = parse_payload_text(text, grid_spec_by_code)
        except PayloadError as error:
            raise CommandError(_listing(error.messages)) from None
        scores = score(grid, payload.answers, payload.custom)
        self.stdout.write(json.dumps(scores_to_json(grid.code, scores), indent=2))

    def _read(self, file: str) -> str:
        if file == "-":
            return sys.stdin.read()
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Fichier introuvable : {file}")
        try:
            return path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise CommandError(f"Le fichier n'est pas du texte UTF-8 : {file}") from None
        except OSError as error:
            raise CommandError(f"Lecture impossible de {file} : {error.strerror}") from None


def _listing(messages: list[str]) -> str:
    if len(messages) == 1:
        return messages[0]
    return "Fichier refusé :\n" + "\n".join(f"- {message}" for message in messages)
