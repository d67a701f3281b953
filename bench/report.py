"""Time of the PDF report: rendering a full demo year, the longest grid the rules allow, serving a
validated year's archived report, and `cluster_report --all` with one and two processes.

Run: `make bench` (a throw-away SQLite database with the guide and the demo). Times are medians
of BENCH_PDF_RUNS renderings, also given as a ratio to the trivial view /healthz/.
"""

import os
import random
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import demo_db

demo_db.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402

from clusters.models import Cluster  # noqa: E402
from grid import rules, services  # noqa: E402
from grid.models import Answer, Assessment, CustomAnswer, Transition  # noqa: E402
from grid.scoring import ANSWERS  # noqa: E402
from reports.report import report_pdf  # noqa: E402

PDF_RUNS = int(os.environ.get("BENCH_PDF_RUNS", "9"))
CLUSTERS = int(os.environ.get("BENCH_CLUSTERS", "50"))
YEAR = 2025
VALIDATED = "/poles/pole-littoral-durable/2024/rapport.pdf"


def page_count(pdf: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        try:
            info = subprocess.run(["pdfinfo", file.name], capture_output=True, text=True).stdout
        except FileNotFoundError:  # poppler-utils comes with the test dependencies only
            return "?"
    return next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "?")


def median_render(assessment: Assessment) -> tuple[float, bytes]:
    timings = []
    for _ in range(PDF_RUNS):
        start = time.perf_counter()
        pdf = report_pdf(assessment)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings), pdf


def line(label: str, seconds: float, baseline: float, pdf: bytes | None = None) -> None:
    size = f"{page_count(pdf)} pages, {len(pdf) / 1024:.0f} KiB" if pdf else ""
    print(f"| {label} | {seconds * 1000:.0f} | {seconds / baseline:.0f} | {size} |")


@transaction.atomic
def longest_grid() -> Assessment:
    """A complete year where every free text is as long as the rules allow: comments of
    unbroken runs (the hardest to lay out), « autres actions » labels, two board comments."""
    staff = get_user_model().objects.get(username="equipe")
    board = get_user_model().objects.get(username="conseil")
    cluster = Cluster.objects.create(name="Pôle aux plus longs textes", slug="pole-long")
    assessment = services.assessment_start(cluster=cluster, year=YEAR, by=staff, prefill=False)
    Answer.objects.filter(assessment=assessment).update(
        value="+", comment="x" * rules.COMMENT_MAX_LENGTH
    )
    CustomAnswer.objects.filter(assessment=assessment).update(
        label="z" * rules.LABEL_MAX_LENGTH, level=2, bareme=3, value="+"
    )
    for to_status in ("submitted", "returned"):
        Transition.objects.create(assessment=assessment, from_status="draft", to_status=to_status,
                                  by=board, comment="w" * rules.BOARD_COMMENT_MAX_LENGTH)
    return assessment


@transaction.atomic
def generate_clusters(count: int) -> None:
    """`count` clusters with a complete grid for YEAR, answered at random (a board season)."""
    rng = random.Random(YEAR)
    staff = get_user_model().objects.get(username="equipe")
    for number in range(1, count + 1):
        cluster = Cluster.objects.create(name=f"Pôle de banc d'essai {number}",
                                         slug=f"pole-banc-{number:02d}")
        assessment = services.assessment_start(cluster=cluster, year=YEAR, by=staff,
                                               prefill=False)
        answers = list(assessment.answers.all())
        for answer in answers:
            answer.value = rng.choice(ANSWERS)
        Answer.objects.bulk_update(answers, ["value"])


def cluster_report_all(jobs: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        call_command("cluster_report", "--all", "--year", str(YEAR), "-o", folder,
                     "--jobs", str(jobs))
        elapsed = time.perf_counter() - start
        written = len(list(Path(folder).glob("*.pdf")))
    print(f"cluster_report --all --year {YEAR} --jobs {jobs}: {written} PDF in {elapsed:.1f} s "
          f"({elapsed / written * 1000:.0f} ms per cluster)")
    return elapsed


def main() -> None:
    client = Client()
    baseline, _ = demo_db.median_of(client, "/healthz/", 30)
    client.force_login(get_user_model().objects.get(username="equipe"))
    validated = Assessment.objects.get(cluster__slug="pole-littoral-durable", campaign__year=2024)
    report_pdf(validated)  # fonts and templates load once per process

    print(f"/healthz/: {baseline * 1000:.2f} ms\n")
    print("| PDF report | median ms | × /healthz/ | |")
    print("|---|---:|---:|---|")
    seconds, pdf = median_render(validated)
    line("demo 2024, complete, rendered", seconds, baseline, pdf)
    seconds, pdf = median_render(longest_grid())
    line(f"every text at its longest ({rules.COMMENT_MAX_LENGTH}-character comments, "
         f"{rules.LABEL_MAX_LENGTH}-character labels, "
         f"{rules.BOARD_COMMENT_MAX_LENGTH}-character board comments)", seconds, baseline, pdf)
    start = time.perf_counter()
    client.get(VALIDATED)
    line("validated 2024 through the web, first download (rendered, archived)",
         time.perf_counter() - start, baseline)
    seconds, pdf = demo_db.median_of(client, VALIDATED, PDF_RUNS)
    line("validated 2024 through the web, then (archived)", seconds, baseline, pdf)
    print()
    generate_clusters(CLUSTERS)
    one = cluster_report_all(1)
    two = cluster_report_all(2)
    print(f"--jobs 2 takes {two / one:.2f} of --jobs 1 on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
