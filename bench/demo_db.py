"""Django on a throw-away SQLite database holding the guide and the demo, and the timing of a
page, for the benchmarks."""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup() -> None:
    """Configure and start Django on a fresh database, then load the guide and the demo."""
    sys.path.insert(0, str(ROOT))
    database = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{database}")
    os.environ.setdefault("DEBUG", "True")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

    import django

    django.setup()

    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("loaddata", "guide", verbosity=0)
    call_command("load_demo", verbosity=0)  # demo accounts load with DEBUG only
    # Measured as in production: DEBUG off (no query log), templates not instrumented by the
    # test framework; the test client's host is allowed.
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]


def median_of(client, url: str, runs: int) -> tuple[float, bytes]:
    """Median seconds of `runs` GETs of `url` (each must answer 200), and the last body."""
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(timings), response.content


def timed(call):
    """Seconds one call takes, and what it returns."""
    start = time.perf_counter()
    result = call()
    return time.perf_counter() - start, result
