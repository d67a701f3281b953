"""Parsing and scoring one assessment JSON (DESIGN §4), as the import and `grid_score` do.

Run: `.venv/bin/python bench/parse.py` (a throw-away SQLite demo). The demo's 2024 export is
parsed (`parse_payload_text` with `grid_spec_by_code`, as the import view and `grid_score` call
it) and scored, RUNS times each after a warm-up; prints the median of each and the queries of
one parse. Outside a request, as `grid_score` runs. Target: parse and score under 1 ms.
"""

import os
import statistics
import time

import demo_db

demo_db.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from grid.payload import parse_payload_text  # noqa: E402
from grid.scoring import score  # noqa: E402
from grid.specs import grid_spec_by_code  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "2000"))


def median_ms(call) -> float:
    for _ in range(10):
        call()
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        call()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000


def main() -> None:
    client = Client()
    client.force_login(get_user_model().objects.get(username="equipe"))
    text = client.get("/poles/pole-littoral-durable/2024/export.json").content.decode()
    grid, parsed = parse_payload_text(text, grid_spec_by_code)
    with CaptureQueriesContext(connection) as queries:
        parse_payload_text(text, grid_spec_by_code)
    parse = median_ms(lambda: parse_payload_text(text, grid_spec_by_code))
    scoring = median_ms(lambda: score(grid, parsed.answers, parsed.custom))
    both = median_ms(lambda: score(*_scored(text)))
    print(f"{len(text):,} bytes, {len(parsed.answers)} answers, {len(parsed.custom)} custom rows; "
          f"median of {RUNS} runs")
    print(f"{'parse':16} {parse:8.3f} ms   {len(queries)} queries")
    print(f"{'score':16} {scoring:8.3f} ms")
    print(f"{'parse + score':16} {both:8.3f} ms")


def _scored(text: str):
    grid, parsed = parse_payload_text(text, grid_spec_by_code)
    return grid, parsed.answers, parsed.custom


if __name__ == "__main__":
    main()
