"""Load, faults and scale-out, as an outside tester would try them (issue « One rule set »).

gunicorn (3 workers, production settings, DEBUG off) in front of PostgreSQL on 127.0.0.1, with
the headers of a TLS proxy; 50 editors of 50 clusters, each an asyncio client that logs in, then
for BENCH_LOAD_SECONDS saves answers as fast as the site answers and opens its results page
every fifth step, its plan every seventh, its PDF report every thirteenth (rendered outside the
request by `manage.py db_worker`, run beside gunicorn as in production); a network coordinator
opens the network's page in a loop; a probe asks /healthz/ every 100 ms. Three runs, each on a
new year (BENCH_LOAD_RUNS=steady runs the first only):

- steady: one gunicorn;
- kill: one gunicorn, one of its workers killed (SIGKILL) half-way;
- two instances: two gunicorns on two ports sharing the database, every client alternating
  between them with one session.

After each run the database is checked against what every client believes it saved: each
answer is the last one its client saw confirmed (or one whose reply was lost with a killed
worker), with as many saves recorded as were made; one row per question. Printed per run:
throughput, p50/p95 of the client-side latency per endpoint, the median time inside the
worker (gunicorn's access log) as a ratio to /healthz/, each endpoint's share of the workers'
time, and the reports the task worker rendered (with its busy time).

Run: `make bench-load` (or `make bench`). Needs PostgreSQL at BENCH_PG (default
postgres://postgres@127.0.0.1:5432); the database `bench_load` (or BENCH_LOAD_DB) is dropped
and created again.
"""

import asyncio
import os
import random
import re
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DATABASE = os.environ.get("BENCH_LOAD_DB", "bench_load")  # several engineers, one server
CLIENTS = int(os.environ.get("BENCH_LOAD_CLIENTS", "50"))
RUNS = os.environ.get("BENCH_LOAD_RUNS", "steady,kill,two").split(",")
NETWORK = "reseau-de-charge"
SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "60"))
WORKERS = 3
PORTS = (8201, 8202)
PASSWORD = "mot-de-passe-du-banc"  # noqa: S105 - throw-away accounts of a throw-away database
ACCESS_FORMAT = "%(m)s %(U)s %(s)s %(D)s"  # method, path, status, microseconds in the worker
ANSWERS = ("++", "+", "-", "--")
PROXY = {"X-Forwarded-Proto": "https"}  # what the TLS proxy in front of gunicorn says

ENV = {
    **os.environ,
    "DATABASE_URL": f"{PG}/{DATABASE}",
    "DEBUG": "False",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "127.0.0.1",
    "CONN_MAX_AGE": "60",
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "LOG_LEVEL": "ERROR",
    "TASKS_BACKEND": "database",
}


# --- the database and the people --------------------------------------------------------------


def setup_database() -> None:
    """A new database with the guide, 50 clusters and their editors; static files collected."""
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE}")
    for command in (["migrate", "-v0"], ["loaddata", "guide", "-v0"],
                    ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=ENV, check=True)
    start_django()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from clusters.models import Cluster, Membership, Network
    from clusters.services import membership_add

    network = Network.objects.create(name="Réseau de charge", slug=NETWORK)
    for number in range(CLIENTS):
        cluster = Cluster.objects.create(name=f"Pôle de charge {number}",
                                         slug=f"pole-charge-{number:02d}")
        user = get_user_model().objects.create_user(f"charge-{number:02d}", password=PASSWORD)
        membership_add(cluster=cluster, user=user, role=Membership.Role.EDITOR)
        network.clusters.add(cluster)
    coordinator = get_user_model().objects.create_user("coordination", password=PASSWORD)
    coordinator.groups.add(Group.objects.get_or_create(name="network")[0])
    network.coordinators.add(coordinator)


def start_django() -> None:
    os.environ.update(ENV)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def open_year(year: int) -> None:
    """Every cluster opens a blank grid for `year` (each run writes into its own year)."""
    from django.contrib.auth import get_user_model

    from clusters.models import Cluster
    from grid import services
    from grid.models import Campaign, GridVersion

    Campaign.objects.create(year=year, version=GridVersion.objects.get(code="cgdd-2012"))
    for number, cluster in enumerate(Cluster.objects.order_by("slug")):
        editor = get_user_model().objects.get(username=f"charge-{number:02d}")
        services.assessment_start(cluster=cluster, year=year, by=editor, prefill=False)


# --- gunicorn -------------------------------------------------------------------------------------


@dataclass
class Server:
    port: int
    log: Path
    process: subprocess.Popen = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{self.port}",
             "--workers", str(WORKERS), "--access-logfile", str(self.log),
             "--access-logformat", ACCESS_FORMAT, "--log-level", "warning"],
            cwd=ROOT, env=ENV,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                response = httpx.get(f"http://127.0.0.1:{self.port}/healthz/", headers=PROXY)
                if response.status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn on port {self.port} did not start")

    def start_task_worker(self) -> None:
        """`manage.py db_worker` beside gunicorn, as in production (README)."""
        self.task_worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "-v", "0"],
            cwd=ROOT, env=ENV,
        )

    def workers(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(30)
        worker = getattr(self, "task_worker", None)
        if worker is not None:
            worker.send_signal(signal.SIGTERM)
            worker.wait(60)


# --- one editor -----------------------------------------------------------------------------


@dataclass
class Saved:
    """What a client knows of one answer: the last save confirmed, and those whose reply was
    lost since (a killed worker may or may not have committed them)."""

    value: str = ""
    comment: str = ""
    revision: int = 0
    unsure: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Editor:
    number: int
    year: int
    ports: tuple[int, ...]
    codes: list[str]
    cookies: dict = field(default_factory=dict)
    saved: dict = field(default_factory=dict)
    timings: dict = field(default_factory=lambda: defaultdict(list))
    outcomes: dict = field(default_factory=lambda: defaultdict(int))
    ports_seen: dict = field(default_factory=lambda: defaultdict(int))
    step: int = 0

    @property
    def slug(self) -> str:
        return f"pole-charge-{self.number:02d}"

    def base(self) -> str:
        """Clients alternate between the instances, with one session."""
        self.step += 1
        return f"http://127.0.0.1:{self.ports[self.step % len(self.ports)]}"

    def headers(self, base: str) -> dict:
        https_origin = base.replace("http://", "https://")
        return {
            **PROXY, "Origin": https_origin, "Referer": https_origin + "/",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            "X-CSRFToken": self.cookies.get("csrftoken", ""), "Accept": "application/json",
        }

    def keep_cookies(self, response: httpx.Response) -> None:
        # The session cookie is Secure; httpx would not send it back over plain http.
        for header in response.headers.get_list("set-cookie"):
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]

    async def request(self, client, kind: str, method: str, path: str, **kwargs):
        base = self.base()
        start = time.perf_counter()
        response = await client.request(method, base + path, headers=self.headers(base),
                                        **kwargs)
        self.timings[kind].append(time.perf_counter() - start)
        self.keep_cookies(response)
        self.ports_seen[f"{kind} {response.status_code} on port {base.rsplit(':', 1)[1]}"] += 1
        return response

    @property
    def username(self) -> str:
        return f"charge-{self.number:02d}"

    async def log_in(self, client) -> None:
        page = await self.request(client, "login", "GET", "/comptes/connexion/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        response = await self.request(
            client, "login", "POST", "/comptes/connexion/",
            data={"username": self.username, "password": PASSWORD,
                  "csrfmiddlewaretoken": token},
        )
        assert response.status_code == 302, (self.number, response.status_code)

    async def save_one(self, client, rng: random.Random) -> None:
        code = rng.choice(self.codes)
        known = self.saved.setdefault(code, Saved())
        value = rng.choice(ANSWERS)
        comment = f"Preuve {self.step}" if rng.random() < 0.3 else ""
        try:
            response = await self.request(
                client, "autosave", "POST", f"/poles/{self.slug}/{self.year}/grille/reponse/",
                data={"kind": "question", "code": code, "value": value, "comment": comment,
                      "revision": known.revision},
            )
        except httpx.TransportError:
            known.unsure.append((value, comment))
            self.outcomes["autosave lost reply"] += 1
            return
        if response.status_code == 200:
            known.value, known.comment = value, comment
            known.revision, known.unsure = response.json()["revision"], []
        elif response.status_code == 409:  # a save whose reply was lost had gone through
            current = response.json()["conflict"]
            known.value, known.comment = current["value"], current["comment"]
            known.revision, known.unsure = current["revision"], []
        self.outcomes[f"autosave {response.status_code}"] += 1

    async def read(self, client, kind: str, path: str) -> None:
        try:
            response = await self.request(client, kind, "GET", path)
            self.outcomes[f"{kind} {response.status_code}"] += 1
        except httpx.TransportError:
            self.outcomes[f"{kind} lost reply"] += 1

    async def run(self, client, until: float) -> None:
        rng = random.Random(self.number)
        while time.monotonic() < until:
            if self.step % 5 == 4:
                await self.read(client, "results", f"/poles/{self.slug}/{self.year}/resultats/")
            if self.step % 7 == 3:
                await self.read(client, "plan", f"/poles/{self.slug}/plan/")
            if self.step % 13 == 6:
                await self.read(client, "pdf", f"/poles/{self.slug}/{self.year}/rapport.pdf")
            await self.save_one(client, rng)


@dataclass
class Coordinator(Editor):
    """The network's coordinator, opening the network's page in a loop."""

    @property
    def username(self) -> str:
        return "coordination"

    async def run(self, client, until: float) -> None:
        while time.monotonic() < until:
            await self.read(client, "network", f"/reseau/{NETWORK}/")


async def probe(client, port: int, until: float, timings: list) -> None:
    while time.monotonic() < until:
        start = time.perf_counter()
        await client.get(f"http://127.0.0.1:{port}/healthz/", headers=PROXY)
        timings.append(time.perf_counter() - start)
        await asyncio.sleep(0.1)


async def drive(editors: list[Editor], seconds: float, kill=None) -> tuple[float, list]:
    """`editors` (the coordinator among them) for `seconds`, and the probe's timings."""
    limits = httpx.Limits(max_connections=CLIENTS * 2, max_keepalive_connections=CLIENTS * 2)
    probe_timings: list[float] = []
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        # Logins hash passwords on purpose (slowly): they happen before the clock starts.
        await asyncio.gather(*(editor.log_in(client) for editor in editors))
        started = time.monotonic()
        until = started + seconds
        tasks = [asyncio.create_task(editor.run(client, until)) for editor in editors]
        tasks.append(asyncio.create_task(probe(client, editors[0].ports[0], until,
                                               probe_timings)))
        if kill is not None:
            await asyncio.sleep(seconds / 2)
            kill()
        await asyncio.gather(*tasks)
        return time.monotonic() - started, probe_timings


# --- checks and figures ---------------------------------------------------------------------


def check(editors: list[Editor], year: int) -> dict:
    """Compare the database with what each client believes it saved."""
    from django.db.models import Count

    from grid.models import Answer

    rows = {
        (cluster, code): (value, comment, revision)
        for cluster, code, value, comment, revision in Answer.objects.filter(
            assessment__campaign__year=year
        ).values_list("assessment__cluster__slug", "question__code", "value", "comment",
                      "revision")
    }
    duplicated = Answer.objects.filter(assessment__campaign__year=year).values(
        "assessment", "question").annotate(n=Count("id")).filter(n__gt=1).count()
    mismatched = unsure_kept = saves = 0
    for editor in editors:
        for code, known in editor.saved.items():
            value, comment, revision = rows[(editor.slug, code)]
            saves += known.revision
            if (value, comment, revision) == (known.value, known.comment, known.revision):
                continue
            if (value, comment) in known.unsure and revision > known.revision:
                unsure_kept += 1  # the reply was lost, the save was not
                continue
            mismatched += 1  # a confirmed save lost, or one applied twice
    return {"mismatched": mismatched, "duplicated rows": duplicated,
            "lost replies whose save went through": unsure_kept,
            "answers written (revisions)": saves, "answer rows": len(rows)}


def server_times(logs: list[Path]) -> dict[str, list[float]]:
    times = defaultdict(list)
    for log in logs:
        for line in log.read_text().splitlines():
            method, path, status, micros = line.split()
            times[endpoint(method, path.split("?")[0])].append(int(micros) / 1e6)
    return times


def endpoint(method: str, path: str) -> str:
    if path == "/healthz/":
        return "healthz"
    if path.endswith("/grille/reponse/"):
        return "autosave"
    if path.endswith("/resultats/"):
        return "results"
    if path.endswith("/rapport.pdf"):
        return "pdf"
    if path.endswith("/plan/"):
        return "plan"
    if path.startswith("/reseau/"):
        return "network"
    return "login"


def report(name: str, editors, elapsed, probe_timings, logs, checked, killed=None) -> None:
    client = defaultdict(list)
    for editor in editors:
        for kind, values in editor.timings.items():
            client[kind] += values
    client["healthz"] = probe_timings
    outcomes, ports = defaultdict(int), defaultdict(int)
    for editor in editors:
        for key, count in editor.outcomes.items():
            outcomes[key] += count
        for key, count in editor.ports_seen.items():
            ports[key] += count
    inside = server_times(logs)
    baseline = statistics.median(inside["healthz"])
    total = sum(len(values) for values in client.values())
    print(f"\n### {name}\n")
    print(f"{CLIENTS} clients, {elapsed:.0f} s, {total} requests, {total / elapsed:.0f} requests/s"
          + (f"; worker {killed} killed half-way" if killed else ""))
    print(f"Outcomes: {dict(sorted(outcomes.items()))}")
    print(f"By instance: {dict(sorted(ports.items()))}")
    print(f"Check: {checked}\n")
    busy = sum(sum(values) for values in inside.values())
    print("| endpoint | requests | client p50 ms | client p95 ms | in worker p50 ms "
          "| × /healthz/ in worker | share of worker time |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for kind in ("autosave", "results", "plan", "pdf", "network", "healthz"):
        values = sorted(client[kind])
        if not values:
            continue
        worker = statistics.median(inside[kind]) if inside[kind] else float("nan")
        print(f"| {kind} | {len(values)} | {percentile(values, 50) * 1000:.1f} "
              f"| {percentile(values, 95) * 1000:.1f} | {worker * 1000:.2f} "
              f"| {worker / baseline:.0f} | {sum(inside[kind]) / busy:.1%} |")
    print(f"\nTask worker: {rendered()}")


def rendered() -> str:
    """What `db_worker` did: the reports it rendered, and its busy time."""
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    from reports.models import PreparedReport

    done = DBTaskResult.objects.exclude(finished_at=None).exclude(started_at=None)
    busy = sum((r.finished_at - r.started_at).total_seconds()
               for r in done.only("started_at", "finished_at"))
    statuses = dict(DBTaskResult.objects.values("status").annotate(n=Count("id"))
                    .values_list("status", "n"))
    kept = PreparedReport.objects.filter(status="ready").count()
    DBTaskResult.objects.all().delete()  # each run counts its own
    return (f"tasks {statuses}, {busy:.1f} s busy rendering; {kept} reports ready for the "
            f"year as it stands")


def percentile(sorted_values: list[float], p: int) -> float:
    index = min(len(sorted_values) - 1, round(p / 100 * (len(sorted_values) - 1)))
    return sorted_values[index]


def run(name: str, year: int, ports: tuple[int, ...], codes: list[str], kill: bool = False):
    open_year(year)
    folder = Path(tempfile.mkdtemp(prefix="bench-load-"))
    servers = [Server(port, folder / f"access-{port}.log") for port in ports]
    for server in servers:
        server.start()
    servers[0].start_task_worker()
    killed = []

    def kill_one():
        pid = servers[0].workers()[0]
        os.kill(pid, signal.SIGKILL)
        killed.append(pid)

    editors = [Editor(number, year, ports, codes) for number in range(CLIENTS)]
    editors.append(Coordinator(CLIENTS, year, ports, codes))
    try:
        elapsed, probe_timings = asyncio.run(drive(editors, SECONDS, kill_one if kill else None))
    finally:
        for server in servers:
            server.stop()
    checked = check(editors, year)
    report(name, editors, elapsed, probe_timings, [s.log for s in servers], checked,
           killed[0] if killed else None)
    assert checked["mismatched"] == 0 and checked["duplicated rows"] == 0, checked
    # One session on every instance: after the login, never sent back to it, never refused.
    refused = {key: n for e in editors for key, n in e.ports_seen.items()
               if key.split()[0] != "login" and key.split()[1] in ("302", "403")}
    assert not refused, refused


def main() -> None:
    setup_database()
    from grid.models import Question

    codes = list(Question.objects.filter(version__code="cgdd-2012").values_list("code",
                                                                             flat=True))
    print(f"## Load: {CLIENTS} editors, {SECONDS:.0f} s per run, gunicorn {WORKERS} workers, "
          f"PostgreSQL, DEBUG off")
    if "steady" in RUNS:
        run("steady: one gunicorn", 2030, PORTS[:1], codes)
    if "kill" in RUNS:
        run("kill: one worker killed half-way", 2031, PORTS[:1], codes, kill=True)
    if "two" in RUNS:
        run("two instances sharing the database", 2032, PORTS, codes)


if __name__ == "__main__":
    main()
