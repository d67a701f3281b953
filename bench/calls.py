"""Work per request, counted rather than timed: Python function calls per request (cProfile) of
the pages that change most with a commit. Steadier than timings on a busy machine, for comparing
two commits: run it in each (`.venv/bin/python bench/calls.py`, a throw-away SQLite demo).
"""

import cProfile
import pstats

import demo_db

demo_db.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402

from grid.models import Answer  # noqa: E402

RUNS = 20
CLUSTER = "/poles/pole-littoral-durable"
PAGES = [f"{CLUSTER}/2025/grille/", f"{CLUSTER}/2024/resultats/", "/fiches/12/"]


def calls_per_request(request) -> int:
    for _ in range(3):  # what is kept per process is made on the first requests
        request(0)
    profile = cProfile.Profile()
    profile.enable()
    for run in range(RUNS):
        request(run)
    profile.disable()
    return pstats.Stats(profile).total_calls // RUNS


def main() -> None:
    client = Client()
    client.force_login(get_user_model().objects.get(username="equipe"))
    for url in PAGES:
        print(f"{url:48} {calls_per_request(lambda run, u=url: client.get(u)):>8}")
    answer = Answer.objects.get(assessment__campaign__year=2025, question__code="2C-1",
                                assessment__cluster__slug="pole-littoral-durable")
    revision = [answer.revision]

    def autosave(run):
        response = client.post(f"{CLUSTER}/2025/grille/reponse/", {
            "kind": "question", "code": "2C-1", "value": "++" if run % 2 else "-",
            "comment": "", "revision": revision[0]})
        revision[0] = response.json()["revision"]

    print(f"{'POST ' + CLUSTER + '/2025/grille/reponse/':48} {calls_per_request(autosave):>8}")


if __name__ == "__main__":
    main()
