"""The page of an action edited 500 times: its time and its queries, against the same page of
an action with one version (the history is shown by pages of 20, with constant queries).

Run: `.venv/bin/python bench/action_history.py` (a throw-away SQLite database with the guide and
the demo; BENCH_EDITS changes the number of edits, BENCH_RUNS the requests timed per page).
"""

import os
from decimal import Decimal

import demo_db

demo_db.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from clusters.models import Cluster  # noqa: E402
from plans import services  # noqa: E402
from plans.models import Action  # noqa: E402

EDITS = int(os.environ.get("BENCH_EDITS", "500"))
RUNS = int(os.environ.get("BENCH_RUNS", "20"))
CLUSTER = "/poles/pole-littoral-durable"


def edited(action: Action, by, times: int) -> Action:
    """`times` saves as the edit form makes them: a measured value, now and then a sheet."""
    for edit in range(times):
        sheets = ["9", "12"] if edit % 10 == 9 else None  # every tenth edit adds or drops one
        if sheets is not None and edit % 20 == 19:
            sheets = ["9"]
        services.action_update(action=action, by=by, measured=Decimal(100 + edit % 7),
                               notes=f"Relevé n° {edit}", sheets=sheets)
    return action


def measure(client: Client, url: str) -> tuple[float, int]:
    median, _body = demo_db.median_of(client, url, RUNS)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return median, len(queries)


def main() -> None:
    editor = get_user_model().objects.get(username="equipe")
    cluster = Cluster.objects.get(slug="pole-littoral-durable")
    fresh = services.action_create(cluster=cluster, by=editor, title="Une version",
                                   sheets=["9"])
    busy = edited(services.action_create(cluster=cluster, by=editor, title="Relevés",
                                         sheets=["9"]), editor, EDITS)
    client = Client()
    client.force_login(editor)
    rows = [(f"{CLUSTER}/plan/{fresh.pk}/", fresh), (f"{CLUSTER}/plan/{busy.pk}/", busy),
            (f"{CLUSTER}/plan/{busy.pk}/?historique=2", busy),
            (f"{CLUSTER}/plan/{busy.pk}/?historique=1000", busy)]
    print(f"{'page':52} {'versions':>9} {'median ms':>10} {'queries':>8}")
    for url, action in rows:
        median, queries = measure(client, url)
        print(f"{url:52} {action.history.count():9} {median * 1000:10.2f} {queries:8}")


if __name__ == "__main__":
    main()
