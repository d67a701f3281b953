"""The network page at scale (issue « The network level »): a network of 100, then of 1,000
generated clusters with 10 years each, on PostgreSQL; the page for one year with no filter, one
region and one sector (a page crosses no criteria), its median server time (DEBUG off, the test
client) and its query count.

Run: `make bench-network` (BENCH_PG, default postgres://postgres@127.0.0.1:5432; the database
`bench_network` is dropped and created again). Generating 1,000 × 10 takes a few minutes.
"""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DATABASE = "bench_network"
RUNS = int(os.environ.get("BENCH_RUNS", "15"))
SIZES = [int(size) for size in os.environ.get("BENCH_NETWORK_SIZES", "100,1000").split(",")]
YEARS = 10


def main() -> None:
    subprocess.run(["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", DATABASE],
                   check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DATABASE], check=True)
    os.environ["DATABASE_URL"] = f"{PG}/{DATABASE}"
    os.environ["DEBUG"] = "True"  # the generator and the demo accounts; turned off below
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from clusters.models import Network

    call_command("migrate", verbosity=0)
    call_command("loaddata", "guide", verbosity=0)
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    coordinator = get_user_model().objects.create_user("banc-reseau")
    client = Client()
    client.force_login(coordinator)
    print(f"{'clusters':>8} {'page':34} {'median ms':>10} {'queries':>8} {'generated s':>12}")
    done = 0
    for size in SIZES:
        start = time.perf_counter()
        # Each size adds clusters to the same network: 1,000 = the first 100 and 900 more.
        call_command("generate_network", network="banc", clusters=size, years=YEARS, seed=1,
                     verbosity=0)
        generated = time.perf_counter() - start
        network = Network.objects.get(slug="banc")
        network.coordinators.add(coordinator)
        year = 2016 + YEARS - 1
        base = f"/reseau/{network.slug}/"
        client.get(base)
        for label, query in [("one year, no filter", f"?annee={year}"),
                             ("one year, one region", f"?annee={year}&region=BRE"),
                             ("one year, one sector", f"?annee={year}&secteur=numerique")]:
            timings = []
            for _ in range(RUNS):
                began = time.perf_counter()
                response = client.get(base + query)
                timings.append(time.perf_counter() - began)
                assert response.status_code == 200, response.status_code
            with CaptureQueriesContext(connection) as queries:
                client.get(base + query)
            print(f"{size:8} {label:34} {statistics.median(timings) * 1000:10.1f} "
                  f"{len(queries):8} {generated if done != size else 0:12.1f}")
        done = size


if __name__ == "__main__":
    main()
