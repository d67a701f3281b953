import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from experiences.importer import SourceError, build
from experiences.provenance import catalogue_problems

FIXTURES = settings.BASE_DIR / "fixtures"
# The Apec study is not in the repository; when it is beside it, its figures are read in full.
APEC_SEED = settings.BASE_DIR.parent / "shared" / "seeds" / "apec-clusters-emploi-2016.txt"


class Command(BaseCommand):
    help = (
        "Lit les retours d'expérience (fixtures/sources/experiences.json), vérifie leurs liens "
        "vers les fiches, leviers et questions du guide et écrit la fixture. Chargez-la ensuite "
        "avec « loaddata experiences »."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", type=Path, default=FIXTURES / "sources/experiences.json")
        parser.add_argument("--guide", type=Path, default=FIXTURES / "guide.json")
        parser.add_argument("--output", type=Path, default=FIXTURES / "experiences.json")
        parser.add_argument(
            "--check",
            action="store_true",
            help=(
                "n'écrit rien ; échoue si la fixture existante diffère de ce que donne la source "
                "ou si un chiffre ou une date n'est pas imprimé dans les lignes citées"
            ),
        )

    def handle(self, *args, source: Path, guide: Path, output: Path, check: bool, **options):
        for path in (source, guide):
            if not path.is_file():
                raise CommandError(f"Fichier introuvable : {path}")
        try:
            text = build(source, guide)
        except SourceError as error:
            raise CommandError(f"Source des retours d'expérience incorrecte :\n{error}") from error
        if check:
            data = json.loads(source.read_text(encoding="utf-8"))
            if problems := catalogue_problems(data, source.parent, APEC_SEED):
                raise CommandError("Chiffres ou dates sans appui :\n" + "\n".join(problems))
            if not output.is_file() or output.read_text(encoding="utf-8") != text:
                raise CommandError(f"{output} diffère de sa source : relancez la commande.")
            self.stdout.write(f"{output} est à jour.")
            return
        output.write_text(text, encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Fixture écrite : {output}"))
