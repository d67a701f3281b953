"""Time of the PDF report: one full demo assessment through the web, and `cluster_report --all`.

Run: `make bench` (a throw-away SQLite database with the guide and the demo).
Prints the median of BENCH_PDF_RUNS downloads of the demo's complete 2024 report (with its ratio to
/healthz/), then the time `cluster_report --all` takes on BENCH_CLUSTERS generated clusters.
"""

import os
import random
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
from grid import services  # noqa: E402
from grid.models import Answer  # noqa: E402
from grid.scoring import ANSWERS  # noqa: E402

PDF_RUNS = int(os.environ.get("BENCH_PDF_RUNS", "9"))
CLUSTERS = int(os.environ.get("BENCH_CLUSTERS", "50"))
YEAR = 2025
REPORT = "/poles/pole-littoral-durable/2024/rapport.pdf"


def page_count(pdf: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        try:
            info = subprocess.run(["pdfinfo", file.name], capture_output=True, text=True).stdout
        except FileNotFoundError:  # poppler-utils comes with the test dependencies only
            return "?"
    return next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "?")


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


def main() -> None:
    client = Client()
    baseline, _ = demo_db.median_of(client, "/healthz/", 30)
    client.force_login(get_user_model().objects.get(username="equipe"))
    client.get(REPORT)  # fonts and templates load once per process
    median, pdf = demo_db.median_of(client, REPORT, PDF_RUNS)
    print(f"PDF report of a full demo assessment ({REPORT}), {PDF_RUNS} runs:")
    print(f"  median {median * 1000:.0f} ms ({median / baseline:.0f} × /healthz/ at "
          f"{baseline * 1000:.2f} ms), {page_count(pdf)} pages, {len(pdf) / 1024:.0f} KiB")

    generate_clusters(CLUSTERS)
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        call_command("cluster_report", "--all", "--year", str(YEAR), "-o", folder)
        elapsed = time.perf_counter() - start
        written = len(list(Path(folder).glob("*.pdf")))
    print(f"cluster_report --all --year {YEAR}: {written} PDF in {elapsed:.1f} s "
          f"({elapsed / written * 1000:.0f} ms per cluster)")


if __name__ == "__main__":
    main()
