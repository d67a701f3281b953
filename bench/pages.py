"""Page speed as ratios against a trivial Django view, and query counts per page.

Run: `make bench` (a throw-away SQLite database with the guide and the demo).
Prints, per page, the median time of N requests, its ratio to /healthz/, and the query count.
"""

import os

import demo_db

demo_db.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "30"))
PUBLIC = ["/", "/matrice/", "/fiches/", "/fiches/?q=energie", "/fiches/12/", "/parcours/rh/",
          "/glossaire/", "/demarche/"]
CLUSTER = "/poles/pole-littoral-durable"
PRIVATE = ["/poles/", f"{CLUSTER}/", f"{CLUSTER}/evolution/", f"{CLUSTER}/2025/grille/",
           f"{CLUSTER}/2024/resultats/", f"{CLUSTER}/2025/resultats/",
           f"{CLUSTER}/2024/export.json", f"{CLUSTER}/2024/export.csv",
           f"{CLUSTER}/2024/export.xlsx"]


def measure(client: Client, url: str) -> tuple[float, int]:
    median, _body = demo_db.median_of(client, url, RUNS)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return median, len(queries)


def main() -> None:
    client = Client()
    baseline, _ = measure(client, "/healthz/")
    print(f"{'page':48} {'median ms':>10} {'× healthz':>10} {'queries':>8}")
    print(f"{'/healthz/':48} {baseline * 1000:10.2f} {1:10.1f} {0:8}")
    for url in PUBLIC:
        median, queries = measure(client, url)
        print(f"{url:48} {median * 1000:10.2f} {median / baseline:10.1f} {queries:8}")
    client.force_login(get_user_model().objects.get(username="equipe"))
    for url in PRIVATE:
        median, queries = measure(client, url)
        print(f"{url:48} {median * 1000:10.2f} {median / baseline:10.1f} {queries:8}")


if __name__ == "__main__":
    main()
