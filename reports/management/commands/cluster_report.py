from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from grid.models import Assessment
from reports.report import report_filename, report_pdf


class Command(BaseCommand):
    help = (
        "Écrit le rapport PDF d'une autoévaluation (--cluster SLUG --year AAAA -o FICHIER.pdf), "
        "ou celui de chaque pôle pour une année (--all --year AAAA -o DOSSIER), nommé "
        "<pôle>-<année>.pdf."
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--cluster", metavar="SLUG", help="identifiant d'URL du pôle")
        which.add_argument("--all", action="store_true", help="tous les pôles de l'année")
        parser.add_argument("--year", type=int, required=True, metavar="AAAA")
        parser.add_argument(
            "-o", "--output", required=True, metavar="CHEMIN",
            help="fichier PDF (avec --cluster) ou dossier (avec --all)",
        )

    def handle(self, *args, cluster, all, year, output, **options):
        assessments = Assessment.objects.select_related("cluster", "campaign__version").filter(
            campaign__year=year
        )
        if all:
            self._write_all(list(assessments.order_by("cluster__slug")), year, Path(output))
        else:
            assessment = assessments.filter(cluster__slug=cluster).first()
            if assessment is None:
                raise CommandError(f"Aucune autoévaluation {year} pour le pôle « {cluster} ».")
            target = Path(output)
            if target.is_dir():
                raise CommandError(f"{output} est un dossier : donnez un nom de fichier .pdf.")
            self._write(target, report_pdf(assessment))
            self.stdout.write(f"{target} écrit.")

    def _write_all(self, assessments: list[Assessment], year: int, directory: Path) -> None:
        if not assessments:
            raise CommandError(f"Aucune autoévaluation pour l'année {year}.")
        if directory.exists() and not directory.is_dir():
            raise CommandError(f"{directory} existe et n'est pas un dossier.")
        directory.mkdir(parents=True, exist_ok=True)
        image_cache: dict = {}
        # The bar goes to stderr so that stdout keeps only the summary, for scripts; to the raw
        # stream, since Django's wrapper would end each of tqdm's « \r » redraws with a newline.
        for assessment in tqdm(assessments, desc=f"Rapports {year}", unit="pôle",
                               file=self.stderr._out, disable=None):
            self._write(directory / report_filename(assessment),
                        report_pdf(assessment, image_cache=image_cache))
        self.stdout.write(f"{len(assessments)} rapport(s) écrit(s) dans {directory}.")

    def _write(self, target: Path, pdf: bytes) -> None:
        try:
            target.write_bytes(pdf)
        except OSError as error:
            raise CommandError(f"Impossible d'écrire {target} : {error.strerror}.") from None
