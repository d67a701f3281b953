"""Page speed as ratios against a trivial Django view, and query counts per page.

Run: `make bench` (a throw-away SQLite database with the guide and the demo).
Prints, per page, the median time of N requests, its ratio to /healthz/ (timed before each page,
the ratio taken to the median of those timings), and the query count. The autosave and the
« Simuler » endpoint are posted as the page's script posts them. The grid page, the public
bilan and its PDF are timed again with Django's cache emptied before each request (rendered
afresh, as after a restart, a publication or for a year no one opened since).
"""

import os
import statistics

import demo_db

demo_db.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bilans.services import bilan_publish  # noqa: E402
from grid.models import Answer, Assessment  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "30"))
PUBLIC = ["/", "/matrice/", "/fiches/", "/fiches/?q=energie", "/fiches/12/", "/parcours/rh/",
          "/glossaire/", "/demarche/", "/bilans/"]
# The demo's 2024, published by its board in the bench's own database (the demo publishes
# nothing): its page and PDF as anonymous visitors get them, from the cache after the first.
BILAN = "/bilans/pole-littoral-durable/2024/"
BILANS = [BILAN, f"{BILAN}bilan.pdf"]
CLUSTER = "/poles/pole-littoral-durable"
PRIVATE = ["/", "/poles/", f"{CLUSTER}/", f"{CLUSTER}/membres/", "/comptes/notifications/",
           f"{CLUSTER}/evolution/", f"{CLUSTER}/2025/grille/",
           f"{CLUSTER}/2024/resultats/", f"{CLUSTER}/2025/resultats/", f"{CLUSTER}/plan/",
           f"{CLUSTER}/parcours/", f"{CLUSTER}/2024/export.json", f"{CLUSTER}/2024/export.csv",
           f"{CLUSTER}/2024/export.xlsx", f"{CLUSTER}/2025/grille/S-1/pieces/",
           f"{CLUSTER}/strategie/", f"{CLUSTER}/2025/consultation/"]
BOARD = ["/", f"{CLUSTER}/2024/resultats/"]  # the board's home, a validated year as it reads it
GRID = f"{CLUSTER}/2025/grille/"
AUTOSAVE = f"{CLUSTER}/2025/grille/reponse/"
SIMULATE = f"{CLUSTER}/2025/simuler/"


def measure(client: Client, url: str) -> tuple[float, int]:
    median, _body = demo_db.median_of(client, url, RUNS)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return median, len(queries)


def timed_cold(client: Client, url: str) -> tuple[float, int]:
    """Median seconds of GETs of `url`, each after emptying the cache, and its queries."""
    timings = []
    for _ in range(RUNS):
        cache.clear()
        seconds, response = demo_db.timed(lambda: client.get(url))
        assert response.status_code == 200, (url, response.status_code)
        timings.append(seconds)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(timings), len(queries)


def timed_posts(client: Client, url: str, bodies) -> tuple[float, int]:
    """Median seconds of the POSTs (each must answer 200) and the queries of the last one."""
    timings = []
    for data in bodies:
        with CaptureQueriesContext(connection) as queries:
            seconds, response = demo_db.timed(lambda d=data: client.post(url, d))
        assert response.status_code == 200, (url, response.status_code, response.content[:200])
        timings.append(seconds)
    return sorted(timings)[len(timings) // 2], len(queries)


def autosaves():
    """Alternate answers to 2C-1, each with the revision the previous save returned."""
    revision = Answer.objects.get(assessment__campaign__year=2025, question__code="2C-1",
                                  assessment__cluster__slug="pole-littoral-durable").revision
    for run in range(RUNS):
        yield {"kind": "question", "code": "2C-1", "value": "++" if run % 2 else "-",
               "comment": "", "revision": revision + run}


def simulations():
    for run in range(RUNS):
        yield {"2C-1": "++" if run % 2 else "--", "1A-1": "-"}


def publish_bilan() -> None:
    board = get_user_model().objects.get(username="conseil")
    bilan_publish(assessment=Assessment.objects.get(cluster__slug="pole-littoral-durable",
                                                    campaign__year=2024),
                  by=board, text="Le conseil remercie les membres du pôle.")


def main() -> None:
    publish_bilan()
    anonymous = Client()
    client = Client()
    client.force_login(get_user_model().objects.get(username="equipe"))
    board = Client()
    board.force_login(get_user_model().objects.get(username="conseil"))
    baselines, rows = [], []
    for who, url in [*((anonymous, url) for url in [*PUBLIC, *BILANS]),
                     *((client, url) for url in PRIVATE),
                     *((board, url) for url in BOARD)]:
        baselines.append(measure(anonymous, "/healthz/")[0])
        label = f"{url} (board)" if who is board else url
        rows.append((label, *measure(who, url)))
    baselines.append(measure(anonymous, "/healthz/")[0])
    rows.append((f"{GRID} (cache emptied)", *timed_cold(client, GRID)))
    for url in BILANS:
        rows.append((f"{url} (cache emptied)", *timed_cold(anonymous, url)))
    for url, bodies in [(AUTOSAVE, autosaves()), (SIMULATE, simulations())]:
        baselines.append(measure(anonymous, "/healthz/")[0])
        rows.append((f"POST {url}", *timed_posts(client, url, bodies)))
    # The trivial view is timed before each page and the ratio taken to the median of those
    # timings: one slow moment of the machine shifts one ratio, not all.
    baseline = statistics.median(baselines)
    print(f"{'page':48} {'median ms':>10} {'× healthz':>10} {'queries':>8}")
    print(f"{'/healthz/':48} {baseline * 1000:10.2f} {1:10.1f} {0:8}")
    for label, median, queries in rows:
        print(f"{label:48} {median * 1000:10.2f} {median / baseline:10.1f} {queries:8}")


if __name__ == "__main__":
    main()
