"""Time of the PDF report: rendering a full demo year, the longest report the rules allow,
serving a validated year's archived report, and `cluster_report --all` with one and two
processes.

The longest report the rules allow (tests/reports/worst_case.py: every comment at its longest
with the most line breaks, in the widest letter, the « autre action » labels, 200 workflow steps
with the board's longest comments, BENCH_WORST_ACTIONS actions with every field at its longest)
is rendered in a process of its own, so that its peak memory is its own: `resource.getrusage`'s
ru_maxrss (peak resident set size) before and after its renderings. Its time is given as wall
time and as CPU time (`time.process_time`): other work on the machine moves the first, much
less the second.

Run: `make bench` (a throw-away SQLite database with the guide and the demo). Times are medians
of BENCH_PDF_RUNS renderings, also given as a ratio to the trivial view /healthz/.
"""

import json
import os
import random
import resource
import statistics
import subprocess
import sys
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
from grid.models import Answer, Assessment  # noqa: E402
from grid.scoring import ANSWERS  # noqa: E402
from reports.report import report_pdf  # noqa: E402
from tests.reports import worst_case  # noqa: E402

PDF_RUNS = int(os.environ.get("BENCH_PDF_RUNS", "9"))
CLUSTERS = int(os.environ.get("BENCH_CLUSTERS", "50"))
WORST_ACTIONS = int(os.environ.get("BENCH_WORST_ACTIONS", "3000"))
WORST_STEPS = 200
WORST_RUNS = int(os.environ.get("BENCH_WORST_RUNS", "5"))
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


def worst_case_here() -> dict:
    """In this process (a fresh one): build the worst case, render it WORST_RUNS times."""
    users = get_user_model().objects
    cluster = Cluster.objects.create(name="Pôle aux plus longs textes", slug="pole-long")
    assessment = worst_case.build(cluster=cluster, staff=users.get(username="equipe"),
                                  board=users.get(username="conseil"), year=YEAR,
                                  actions=WORST_ACTIONS, steps=WORST_STEPS)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    walls, cpus = [], []
    for _ in range(WORST_RUNS):
        cpu, wall = time.process_time(), time.perf_counter()
        pdf = report_pdf(assessment)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"pages": page_count(pdf), "kib": len(pdf) // 1024, "walls": walls, "cpus": cpus,
            "rss_before_mib": before // 1024, "rss_peak_mib": after // 1024}


def worst_case_line() -> None:
    """The worst case in a child process (its peak memory is the rendering's alone)."""
    env = {name: value for name, value in os.environ.items() if name != "DATABASE_URL"}
    child = subprocess.run([sys.executable, __file__, "--worst-case"], check=True,
                           capture_output=True, text=True, env=env)  # its own database
    found = json.loads(child.stdout.strip().splitlines()[-1])
    walls, cpus = found["walls"], found["cpus"]
    print(f"| the longest report the rules allow ({WORST_ACTIONS:,} actions, {WORST_STEPS} steps) "
          f"| {statistics.median(walls) * 1000:,.0f} wall (min {min(walls) * 1000:,.0f}), "
          f"{statistics.median(cpus) * 1000:,.0f} CPU (min {min(cpus) * 1000:,.0f}) | | "
          f"{found['pages']} pages, {found['kib']} KiB; peak RSS {found['rss_peak_mib']} MiB "
          f"({found['rss_before_mib']} MiB before rendering) |")


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
    worst_case_line()
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
    if sys.argv[1:] == ["--worst-case"]:
        print(json.dumps(worst_case_here()))
    else:
        main()
