import multiprocessing
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from tqdm import tqdm

from grid.models import Assessment
from reports import workers
from reports.report import report_filename
from reports.services import report_for


def _write(target: Path, pdf: bytes) -> None:
    try:
        target.write_bytes(pdf)
    except OSError as error:
        raise CommandError(f"Impossible d'écrire {target} : {error.strerror}.") from None


class Command(BaseCommand):
    help = (
        "Écrit le rapport PDF d'une autoévaluation (--cluster SLUG --year AAAA -o FICHIER.pdf), "
        "ou celui de chaque pôle pour une année (--all --year AAAA -o DOSSIER), nommé "
        "<pôle>-<année>.pdf, en français ou en anglais (--lang fr|en). Le rapport d'une année "
        "validée est celui qui a été archivé à sa première édition dans cette langue."
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
        parser.add_argument(
            "--lang", choices=[code for code, _ in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE, help="langue du rapport (fr par défaut)",
        )
        parser.add_argument(
            "--jobs", type=int, default=1, metavar="N",
            help="avec --all : nombre de rapports rendus en parallèle (un processus chacun)",
        )

    def handle(self, *args, cluster, all, year, output, jobs, lang, **options):
        if jobs < 1:
            raise CommandError("--jobs vaut au moins 1.")
        assessments = Assessment.objects.select_related("cluster", "campaign__version").filter(
            campaign__year=year
        )
        if all:
            self._write_all(list(assessments.order_by("cluster__slug")), year, Path(output), jobs,
                            lang)
            return
        assessment = assessments.filter(cluster__slug=cluster).first()
        if assessment is None:
            raise CommandError(f"Aucune autoévaluation {year} pour le pôle « {cluster} ».")
        target = Path(output)
        if target.is_dir():
            raise CommandError(f"{output} est un dossier : donnez un nom de fichier .pdf.")
        _write(target, report_for(assessment, language=lang))
        self.stdout.write(f"{target} écrit.")

    def _write_all(self, assessments: list[Assessment], year: int, directory: Path,
                   jobs: int, language: str) -> None:
        if not assessments:
            raise CommandError(f"Aucune autoévaluation pour l'année {year}.")
        if directory.exists() and not directory.is_dir():
            raise CommandError(f"{directory} existe et n'est pas un dossier.")
        directory.mkdir(parents=True, exist_ok=True)
        # The bar goes to stderr so that stdout keeps only the summary, for scripts; to the raw
        # stream, since Django's wrapper would end each of tqdm's « \r » redraws with a newline.
        progress = tqdm(total=len(assessments), desc=f"Rapports {year}", unit="pôle",
                        file=self.stderr._out, disable=None)
        if jobs == 1:
            image_cache: dict = {}
            for assessment in assessments:
                _write(directory / report_filename(assessment),
                       report_for(assessment, image_cache=image_cache,
                                  language=language))
                progress.update()
        else:
            database = connections["default"].settings_dict["NAME"]
            with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"),
                                     initializer=workers.start, initargs=(database,)) as pool:
                for done in as_completed(pool.submit(workers.render_to, a.pk, directory, language)
                                         for a in assessments):
                    try:
                        done.result()
                    except OSError as error:
                        raise CommandError(f"Impossible d'écrire dans {directory} : "
                                           f"{error.strerror}.") from None
                    progress.update()
        progress.close()
        self.stdout.write(f"{len(assessments)} rapport(s) écrit(s) dans {directory}.")
