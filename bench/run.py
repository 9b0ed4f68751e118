"""`make bench`: the portal under load at national scale, against reference pages.

On PostgreSQL, loads the demo data and `seed_volume --scale N` into a database
of its own (once: the database is named after the scale and reused), starts
gunicorn with the production settings (2 workers) on loopback, and drives each
page with locust (16 users, no think time, a fixed time per page), logged in
as the right role with one session per simulated user. In the same run it
measures the two reference pages: the Django admin change list of
recommendations (what admins would use instead) and /healthz/ (the floor of
the stack).

It prints one table — requests/s, p50, p95, errors, SQL queries per request,
and each page's p50 as a ratio to the admin change list and to the floor —,
times the reminder scan against a raw SQL query selecting the same rows, and
reports the peak memory of a web worker and of a Celery worker. The report
goes to stdout and to bench/last-run.md (with the machine's description), and
replaces the table in the README. The exit status is 3 when a target misses
(1 when the bench itself fails).

    python bench/run.py [--scale 1] [--duration 15] [--users 16]
"""

import argparse
import contextlib
import csv
import datetime
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench import probes  # noqa: E402 - run as a script: the repository first

PY = sys.executable
README_START, README_END = "<!-- bench:start -->", "<!-- bench:end -->"

OTHER_SCALE = "(the other scale)"  # a page of the growth table's other scale, in turns

# Targets (issue #9), as ratios measured in the same run.
LIST_PAGE_MAX_RATIO = 0.5  # p50 ÷ admin change list p50
DASHBOARD_MAX_RATIO = 1.0
P95_MAX_RATIO = 3.0  # p95 ÷ p50, every page
REMINDER_MAX_RATIO = 3.0  # reminder scan ÷ raw SQL
WEB_WORKER_MAX_MB = 200
# Targets of issue #19: one client, as ratios to /healthz/ with one client.
SINGLE_MAX_RATIO = {"list": 6.0, "detail": 3.0, "pdf": 10.0}
GROWTH_MAX_RATIO = 1.2  # one-client p50 at --scale ÷ at the compared scale
BYTES_MAX_CHANGE = 0.10
CSV_MAX_RATIO = 3.0  # the full CSV export ÷ psql's \copy of the same rows
XLSX_MAX_RATIO = 10.0
REQUEST_MAX_SECONDS = 10.0
TARGET_MISSED = 3  # exit status


@dataclass
class Page:
    label: str
    path: str
    role: str | None  # key of the sessions dict; None = anonymous
    kind: str  # "dashboard", "list", "detail", "pdf", "admin" / "floor" (references)
    language: str = "fr"
    sql: int | None = None
    stats: dict = field(default_factory=dict)
    single: dict = field(default_factory=dict)  # one client: p50 (ms), bytes
    kept: bool = False  # kept rendered until a change (roadmaps/kept_pages.py)
    first_view: float = 0.0  # one client, p50 ms, each request just after a change


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# --- the machine and its processes ------------------------------------------------


def machine_description(database_version: str) -> list[str]:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    with contextlib.suppress(OSError, ValueError, IndexError):
        total_kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {total_kb / 1024 / 1024:.0f} GiB RAM"
    return [
        f"{cpu}, {os.cpu_count()} cores{memory}",
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}",
        database_version,
    ]


def peak_memory_mb(pid: int) -> float:
    """VmHWM: the resident set's high-water mark of a process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):
            found += [int(child) for child in (task / "children").read_text().split()]
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# --- the database -----------------------------------------------------------------


def _on_maintenance_database(url: str, statement, params=()):
    """Run one statement on the server's `postgres` database (CREATE/DROP DATABASE)."""
    import psycopg2

    parts = urllib.parse.urlparse(url)
    admin = psycopg2.connect(
        dbname="postgres",
        user=parts.username or "postgres",
        password=parts.password or None,
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
    )
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            cursor.execute(statement, params)
            return cursor.fetchone() if cursor.description else None
    finally:
        admin.close()


def database_name(url: str) -> str:
    return urllib.parse.urlparse(url).path.lstrip("/")


def ensure_database(url: str) -> None:
    name = database_name(url)
    if _on_maintenance_database(url, "SELECT 1 FROM pg_database WHERE datname = %s", [name]):
        return
    log(f"creating database {name}")
    _on_maintenance_database(url, f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    _on_maintenance_database(url, f'DROP DATABASE IF EXISTS "{database_name(url)}" WITH (FORCE)')


def load_data(scale: float) -> None:
    from django.core.management import call_command

    started = time.monotonic()
    out = {"stdout": sys.stderr}  # stdout carries the report alone
    call_command("migrate", verbosity=0, interactive=False, **out)
    call_command("seed_demo", force=True, verbosity=0, **out)  # the bench's database
    call_command("seed_volume", scale=scale, verbosity=0, **out)
    call_command("collectstatic", verbosity=0, interactive=False, **out)
    from django.db import connection

    with connection.cursor() as cursor:
        # The load's pages written to disk now, not by the checkpointer while
        # the pages are measured.
        cursor.execute("CHECKPOINT")
    log(f"data ready in {time.monotonic() - started:.0f} s")


# --- what the pages are, who looks at them ----------------------------------------


def sessions(usernames: dict, count: int) -> dict:
    """count fresh sessions per role: every simulated user has its own, as people do."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    users = get_user_model().objects
    found = {}
    for role, username in usernames.items():
        user = users.get(username=username)
        keys = []
        for _ in range(count):
            client = Client()
            client.force_login(user)
            keys.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
        found[role] = keys
    return found


def pages() -> list[Page]:
    from django.db.models import Count

    from meetings.models import Meeting
    from onmt_portal.volume import MARK
    from partners.models import Market, Organization
    from roadmaps.models import Recommendation, Roadmap

    organization = Organization.objects.filter(short_name__startswith=MARK).order_by("pk").first()
    market = Market.objects.filter(code="FR").first() or Market.objects.order_by("pk").first()
    roadmap = (
        Roadmap.objects.filter(title__startswith=MARK)
        .annotate(milestone_count=Count("milestones"))
        .filter(milestone_count=100)
        .order_by("-starts_on", "pk")
        .first()
    )
    recommendation = (
        Recommendation.objects.filter(title__startswith=MARK, status="accepted")
        .order_by("-pk")
        .first()
    )
    volume_market = Market.objects.filter(code="V01").first() or market
    minutes = Meeting.objects.filter(status="published").exclude(minutes="").order_by("pk").first()
    return [
        Page("Dashboard (staff)", "/", "staff", "dashboard"),
        Page("Dashboard (delegate.fr)", "/", "delegate", "dashboard"),
        Page("Partners, search", "/partners/?q=VOL-012", "staff", "list"),
        Page(
            "Meetings, filtered",
            f"/meetings/?when=past&organization={organization.pk}",
            "staff",
            "list",
        ),
        Page(
            "Recommendations, filtered",
            f"/recommendations/?status=submitted&market={volume_market.pk}",
            "staff",
            "list",
        ),
        Page("Recommendations, search", "/recommendations/?q=f%C3%A8s+salon", "staff", "list"),
        Page("Roadmap, 100 milestones", f"/roadmaps/{roadmap.pk}/", "staff", "detail", kept=True),
        Page(
            "Recommendation detail",
            f"/recommendations/{recommendation.pk}/",
            "staff",
            "detail",
            kept=True,
        ),
        Page("Market page (FR)", f"/markets/{market.code}/", "delegate", "detail", kept=True),
        Page("Inbox (staff)", "/inbox/", "staff", "list"),
        Page("Search (staff)", "/search/?q=salon", "staff", "list"),
        Page("Minutes PDF (cached)", f"/meetings/{minutes.pk}/minutes.pdf", "staff", "pdf"),
        Page("Admin change list (reference)", "/admin/roadmaps/recommendation/", "admin", "admin"),
        Page("/healthz/ (floor)", "/healthz/", None, "floor"),
    ]


def count_queries(page: Page, session_key: str | None) -> int:
    """SQL queries of one request, through the same code as gunicorn runs."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE=page.language)
    if session_key:
        client.cookies[settings.SESSION_COOKIE_NAME] = session_key
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.path, secure=True)
    if response.status_code != 200:
        raise RuntimeError(f"{page.path} answered {response.status_code} before the load")
    return len(queries)


# --- load -------------------------------------------------------------------------


def warm(base: str, page: Page, session_key: str | None, cookie_name: str) -> None:
    headers = {"X-Forwarded-Proto": "https", "Accept-Language": page.language}
    if session_key:
        headers["Cookie"] = f"{cookie_name}={session_key}"
    for _ in range(3):
        request = urllib.request.Request(base + page.path, headers=headers)
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()


def drive(base, page, keys, *, users, duration, cookie_name, workdir) -> dict:
    prefix = workdir / re.sub(r"\W+", "-", page.label.lower()).strip("-")
    env = {
        **os.environ,
        "BENCH_PATH": page.path,
        "BENCH_LANGUAGE": page.language,
        "BENCH_SESSIONS": ",".join(keys or []),
        "BENCH_COOKIE_NAME": cookie_name,
    }
    subprocess.run(
        [
            PY,
            "-m",
            "locust",
            "--locustfile",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(users),
            "--run-time",
            f"{duration}s",
            "--stop-timeout",
            "10",
            "--host",
            base,
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "ERROR",
        ],
        env=env,
        check=False,  # locust exits 1 when a request failed; the table shows errors
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=duration + 120,
    )
    with open(f"{prefix}_stats.csv", newline="") as handle:
        row = next((row for row in csv.DictReader(handle) if row["Name"] == "page"), None)
    if row is None:
        raise RuntimeError(f"locust recorded no request for {page.path}")
    return {
        "requests": int(row["Request Count"]),
        "errors": int(row["Failure Count"]),
        "rps": float(row["Requests/s"]),
        "p50": float(row["50%"]),
        "p95": float(row["95%"]),
        "max": float(row["Max Response Time"]),
    }


# --- the reminder scan and the Celery worker --------------------------------------


def scan_date():
    from roadmaps.models import Milestone

    last = Milestone.objects.open().order_by("-due_date").values_list("due_date", flat=True)
    return (last.first() or datetime.date.today()) + datetime.timedelta(days=1)


# The same rows as reminders.plan() reads, in raw SQL: the current mandates (who may be
# written to, who is staff), then the open milestones due by the horizon or whose
# owner holds no current mandate.
FLOOR_MANDATES_SQL = """
SELECT mb.person_id, org.kind, p.email, u.email
FROM partners_membership mb
JOIN partners_person p ON p.id = mb.person_id
LEFT JOIN auth_user u ON u.id = p.user_id
JOIN partners_organization org ON org.id = mb.organization_id
WHERE mb.start_date <= %(today)s AND (mb.end_date IS NULL OR mb.end_date >= %(today)s)
  AND p.is_active AND org.is_active
"""
FLOOR_SQL = """
SELECT m.id, m.due_date, o.id, o.email, ou.email, o.receives_reminders,
       ro.id, ro.email, rou.email
FROM roadmaps_milestone m
JOIN roadmaps_roadmap r ON r.id = m.roadmap_id
JOIN partners_person o ON o.id = m.owner_id
LEFT JOIN auth_user ou ON ou.id = o.user_id
JOIN partners_person ro ON ro.id = r.owner_id
LEFT JOIN auth_user rou ON rou.id = ro.user_id
WHERE m.status IN ('planned', 'in_progress') AND r.status = 'active'
  AND (m.due_date <= %(horizon)s OR m.owner_id NOT IN (
    SELECT mb.person_id FROM partners_membership mb
    JOIN partners_person p ON p.id = mb.person_id
    JOIN partners_organization org ON org.id = mb.organization_id
    WHERE mb.start_date <= %(today)s AND (mb.end_date IS NULL OR mb.end_date >= %(today)s)
      AND p.is_active AND org.is_active))
ORDER BY m.id
"""


def time_reminder_scan(today, runs: int = 5) -> dict:
    """plan(): every reminder of the day over all milestones, against the SQL floor."""
    from django.db import connection

    from roadmaps.services import reminders

    horizon = today + datetime.timedelta(days=14)
    scan_times, floor_times, planned, rows = [], [], 0, 0
    for _ in range(runs):
        started = time.perf_counter()
        planned = len(reminders.plan(today))
        scan_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(FLOOR_MANDATES_SQL, {"today": today})
            cursor.fetchall()
            cursor.execute(FLOOR_SQL, {"today": today, "horizon": horizon})
            rows = len(cursor.fetchall())
        floor_times.append(time.perf_counter() - started)
    return {
        "date": today,
        "milestones": rows,
        "planned": planned,
        "scan_ms": statistics.median(scan_times) * 1000,
        "floor_ms": statistics.median(floor_times) * 1000,
    }


def celery_peak(env: dict, today, timeout: float = 300) -> dict:
    """Run the daily scan and every digest it queues in a real worker; its peak memory."""
    from django.db import connection

    from roadmaps.models import ReminderLog
    from roadmaps.tasks import scan_reminders

    with connection.cursor() as cursor:  # the bench's own database: start from no reminder
        cursor.execute(f"TRUNCATE {ReminderLog._meta.db_table}")
    worker = subprocess.Popen(
        [
            *(PY, "-m", "celery", "-A", "onmt_portal", "worker", "--pool=prefork"),
            *("--concurrency=1", "--loglevel=WARNING", "--without-gossip", "--without-mingle"),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        export = probes.worker_export("onmt.staff")
        result = scan_reminders.apply_async(args=[today.isoformat()], ignore_result=False)
        outcome = result.get(timeout=timeout)
        deadline = time.monotonic() + timeout
        while ReminderLog.objects.filter(sent_at__isnull=True, skipped=False).exists():
            if time.monotonic() > deadline:
                raise RuntimeError("the Celery worker did not send every digest in time")
            time.sleep(0.5)
        processes = [worker.pid, *children(worker.pid)]
        return {
            "peak_mb": max(peak_memory_mb(pid) for pid in processes),
            "digests": outcome["recipients"],
            "reminders": outcome["claimed"],
            "export": export,
        }
    finally:
        stop(worker)


def dossier_path() -> str:
    from partners.models import Market

    market = Market.objects.filter(code="V01").first() or Market.objects.get(code="FR")
    return f"/roadmaps/markets/{market.code}/dossier.xlsx"


def discard_prepared_exports() -> None:
    from core.models import PreparedExport

    PreparedExport.objects.all().delete()


def serve_other_scale(scale: float, workdir: Path, only: str, cache_url: str):
    """The portal at another scale (its own database, its own cache), served by a
    child run until its stdin closes: its pages are measured in the same rounds as
    this run's, so that both scales share the machine's moments (measured minutes
    apart, /healthz/ itself moved by a quarter between them). Returns the child
    and what it serves: its base URL, and each page's path and session."""
    ready = workdir / f"serving-{scale:g}.json"
    child = subprocess.Popen(
        [PY, str(Path(__file__).resolve()), "--scale", f"{scale:g}", "--serve-only", str(ready),
         "--only", only, "--no-readme", "--cache-url", cache_url],
        cwd=ROOT, stdin=subprocess.PIPE,
    )  # fmt: skip
    deadline = time.monotonic() + 3600
    while not ready.exists():
        if child.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"the scale {scale:g} run did not start")
        time.sleep(0.5)
    return child, json.loads(ready.read_text())


def other_cache_url(url: str) -> str:
    """The next Redis database of `url`: the other scale keeps its pages apart."""
    parts = urllib.parse.urlsplit(url)
    number = int(parts.path.strip("/") or 0)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{(number + 1) % 16}"))


# --- the report -------------------------------------------------------------------


def ratio(value: float, reference: float) -> float:
    return value / reference if reference else float("inf")


def verdicts(measured: list[Page], reminder: dict, web_mb: float) -> list[tuple[bool, str]]:
    admin = next(page for page in measured if page.kind == "admin").stats["p50"]
    checks = []
    for page in measured:
        stats = page.stats
        if page.kind in ("dashboard", "list", "detail"):
            limit = DASHBOARD_MAX_RATIO if page.kind == "dashboard" else LIST_PAGE_MAX_RATIO
            checks.append(
                (
                    ratio(stats["p50"], admin) <= limit,
                    f"{page.label}: p50 ≤ {limit}× the admin change list "
                    f"({ratio(stats['p50'], admin):.2f}×)",
                )
            )
        checks.append(
            (
                stats["p95"] <= P95_MAX_RATIO * max(stats["p50"], 1),
                f"{page.label}: p95 ≤ {P95_MAX_RATIO:g}× p50 "
                f"({ratio(stats['p95'], stats['p50']):.1f}×)",
            )
        )
        checks.append(
            (
                stats["errors"] == 0 and stats["requests"] > 0,
                f"{page.label}: no error ({stats['errors']} of {stats['requests']})",
            )
        )
    scan_ratio = ratio(reminder["scan_ms"], reminder["floor_ms"])
    checks.append(
        (
            scan_ratio <= REMINDER_MAX_RATIO,
            f"reminder scan ≤ {REMINDER_MAX_RATIO:g}× the raw SQL floor ({scan_ratio:.2f}×)",
        )
    )
    checks.append(
        (web_mb < WEB_WORKER_MAX_MB, f"web worker < {WEB_WORKER_MAX_MB} MB ({web_mb:.0f} MB)")
    )
    return checks


def growth_ratios(page, before: dict, floor: float, growth: dict) -> tuple[float, float]:
    """A page's one-client p50 at this scale against the other: raw, and each
    taken against its own scale's /healthz/ (both scales take turns in the same
    rounds, but each has its own server: its own floor)."""
    raw = ratio(page.single["p50"], before["p50"])
    other_floor = next((p["p50"] for label, p in growth.items() if "(floor)" in label), 0)
    return raw, ratio(ratio(page.single["p50"], floor), ratio(before["p50"], other_floor))


def more_verdicts(measured, growth, exported, scale, compare) -> list[tuple[bool, str]]:
    """Issue #19's targets: one client near the floor, flat growth, exports near theirs."""
    floor = next(page for page in measured if page.kind == "floor").single["p50"]
    checks = []

    def check(value, limit, text):
        checks.append((value <= limit, text))

    for page in measured:
        limit = SINGLE_MAX_RATIO.get(page.kind)
        if limit is not None:
            value = ratio(page.single["p50"], floor)
            check(value, limit, f"{page.label}: one client ≤ {limit:g}× /healthz/ ({value:.1f}×)")
        before = growth.get(page.label)
        if before and page.kind not in ("admin", "floor"):  # the references only inform
            raw, value = growth_ratios(page, before, floor, growth)
            text = f"{page.label}: scale {scale:g} ≤ {GROWTH_MAX_RATIO:g}× scale {compare:g}"
            text += f" ({value:.2f}× against each floor, {raw:.2f}× raw)"
            check(value, GROWTH_MAX_RATIO, text)
            change = ratio(page.single["bytes"], before["bytes"]) - 1
            text = f"{page.label}: bytes within {BYTES_MAX_CHANGE:.0%} of scale {compare:g}"
            check(abs(change), BYTES_MAX_CHANGE, f"{text} ({change:+.0%})")
    floor_s = exported["floor"]["seconds"]
    value = ratio(exported["csv"]["seconds"], floor_s)
    check(value, CSV_MAX_RATIO, f"CSV export ≤ {CSV_MAX_RATIO:g}× psql \\copy ({value:.1f}×)")
    value = ratio(exported["worker_xlsx"]["seconds"], floor_s)
    check(value, XLSX_MAX_RATIO, f"XLSX export ≤ {XLSX_MAX_RATIO:g}× psql \\copy ({value:.1f}×)")
    requests = [exported[name]["seconds"] for name in ("csv", "xlsx", "dossier")]
    slowest = max(requests + [page.stats.get("max", 0) / 1000 for page in measured])
    text = f"no request over {REQUEST_MAX_SECONDS:g} s (slowest {slowest:.1f} s)"
    check(slowest, REQUEST_MAX_SECONDS, text)
    for name in ("csv", "xlsx", "dossier"):
        status = exported[name]["status"]
        checks.append((status in (200, 302), f"{name} export answered ({status})"))
    return checks


def report(
    measured, reminder, memory, checks, *, machine, scale, users, duration, growth, exported,
    compare,
) -> str:  # fmt: skip
    admin = next(page for page in measured if page.kind == "admin").stats["p50"]
    floor = next(page for page in measured if page.kind == "floor").stats["p50"]
    lines = [
        f"Run on {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}: `make bench` — "
        f"scale {scale:g}, {users} concurrent users, {duration} s per page, "
        "gunicorn (production settings, 2 sync workers) on loopback, locust.",
        "",
        "Machine: " + "; ".join(machine) + ".",
        "",
        "| Page | req/s | p50 ms | p95 ms | errors | SQL/request | p50 ÷ admin | p50 ÷ floor "
        "| 1 client p50 ms | 1 client ÷ floor | KB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    single_floor = next(page for page in measured if page.kind == "floor").single["p50"]
    for page in measured:
        stats, single = page.stats, page.single
        lines.append(
            f"| {page.label} | {stats['rps']:.1f} | {stats['p50']:.0f} | {stats['p95']:.0f} "
            f"| {stats['errors']} | {page.sql} | {ratio(stats['p50'], admin):.2f} "
            f"| {ratio(stats['p50'], max(floor, 1)):.1f} | {single['p50']:.1f} "
            f"| {ratio(single['p50'], single_floor):.1f} | {single['bytes'] / 1024:.1f} |"
        )
    if growth:
        lines += [
            "",
            f"Growth, one client: scale {compare:g} (its own database and server, its pages "
            f"taking turns with these in the same rounds) against scale {scale:g}.",
            "",
            "The ratio against each floor divides each p50 by its own scale's /healthz/ "
            "first: the target is held to it.",
            "",
            f"| Page | p50 ms at {compare:g} | p50 ms at {scale:g} | ratio | ratio against each "
            f"floor | KB at {compare:g} | KB at {scale:g} | change |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for page in measured:
            before = growth.get(page.label)
            if before:
                raw, against_floors = growth_ratios(page, before, single_floor, growth)
                lines.append(
                    f"| {page.label} | {before['p50']:.1f} | {page.single['p50']:.1f} "
                    f"| {raw:.2f} | {against_floors:.2f} "
                    f"| {before['bytes'] / 1024:.1f} | {page.single['bytes'] / 1024:.1f} "
                    f"| {ratio(page.single['bytes'], before['bytes']) - 1:+.0%} |"
                )
    floor_s = exported["floor"]["seconds"]
    worker = exported["worker_xlsx"]
    lines += [
        "",
        f"Exports, as ONMT staff ({worker['rows']} recommendations), against psql's \\copy of "
        f"the same columns ({floor_s:.2f} s):",
        "",
        "| Export | answer | seconds | MB | ÷ \\copy |",
        "|---|---:|---:|---:|---:|",
        *(
            f"| {label} | {answer['status']} | {answer['seconds']:.2f} "
            f"| {answer['bytes'] / 1e6:.1f} | {ratio(answer['seconds'], floor_s):.1f} |"
            for answer, label in (
                (exported["csv"], "Recommendations CSV (streamed)"),
                (exported["xlsx"], "Recommendations XLSX (the request)"),
                (exported["dossier"], "Market dossier XLSX (the request)"),
            )
        ),
        f"| Recommendations XLSX (built by the worker) | — | {worker['seconds']:.2f} "
        f"| {worker['bytes'] / 1e6:.1f} | {ratio(worker['seconds'], floor_s):.1f} |",
    ]
    kept = [page for page in measured if page.kept]
    if kept:
        lines += [
            "",
            "Kept pages (roadmaps/kept_pages.py: rendered once per viewer until a record "
            "changes; the table shows the views after the first). The first view after a "
            "change, one client, the pages' version bumped before each request: "
            + "; ".join(
                f"{page.label} {page.first_view:.0f} ms "
                f"({ratio(page.first_view, single_floor):.1f}× /healthz/)"
                for page in kept
            )
            + ".",
        ]
    lines += [
        "",
        f"Reminder scan for {reminder['date']:%Y-%m-%d} over every open milestone "
        f"({reminder['milestones']} milestones due by then, {reminder['planned']} reminders "
        f"planned): {reminder['scan_ms']:.0f} ms, against {reminder['floor_ms']:.0f} ms for raw "
        f"SQL selecting the same rows ({ratio(reminder['scan_ms'], reminder['floor_ms']):.2f}×).",
        "",
        "Peak memory (VmHWM) of each process over the whole run: web workers "
        + ", ".join(f"{mb:.0f} MB" for mb in memory["web_mb"].values())
        + f" (every page under load and the exports); Celery worker {memory['celery_mb']:.0f} MB, "
        f"after the XLSX export, the scan and its {memory['digests']} digests "
        f"({memory['reminders']} reminders).",
        "",
        "Targets:",
        "",
        *[f"- {'✓' if ok else '✗ MISSED'} {text}" for ok, text in checks],
    ]
    return "\n".join(lines) + "\n"


def update_readme(text: str) -> None:
    readme = ROOT / "README.md"
    content = readme.read_text()
    if README_START in content and README_END in content:
        head, rest = content.split(README_START, 1)
        _, tail = rest.split(README_END, 1)
        readme.write_text(f"{head}{README_START}\n{text}{README_END}{tail}")


# --- the run ----------------------------------------------------------------------


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--duration", type=int, default=15, help="seconds of load per page")
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--broker-url", default="redis://127.0.0.1:6379/13")
    parser.add_argument("--output", default=str(ROOT / "bench" / "last-run.md"))
    parser.add_argument(
        "--only",
        default="",
        help="measure only the pages whose label contains this text (and the two references)",
    )
    parser.add_argument(
        "--compare-scale",
        type=float,
        default=None,
        help="also measure every page with one client at this scale, for the growth table "
        "(default: 1 when --scale is not 1)",
    )
    parser.add_argument(
        "--serve-only",
        default="",
        metavar="JSON",
        help="serve the pages until stdin closes, having written where into this JSON file "
        "(the growth table's other scale)",
    )
    parser.add_argument("--cache-url", default="", help="the cache (default: the broker's)")
    parser.add_argument("--no-readme", action="store_true", help="leave README.md as it is")
    parser.add_argument("--drop-database", action="store_true", help="drop it afterwards")
    args = parser.parse_args(argv)
    if args.duration < 2:
        parser.error(
            "--duration must be at least 2 s (locust keeps no statistics for shorter runs)"
        )

    scale_name = re.sub(r"\W", "_", f"{args.scale:g}")
    database_url = args.database_url or (
        f"postgres://postgres@127.0.0.1:5432/onmt_portal_bench_s{scale_name}"
    )
    workdir = Path(tempfile.mkdtemp(prefix="onmt-bench-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "onmt_portal.settings.production",
        "SECRET_KEY": "bench-only-not-a-secret-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": args.broker_url,
        # As in production: the cache is shared, in Redis.
        "CACHE_URL": args.cache_url or args.broker_url,
        "EMAIL_FILE_PATH": str(workdir / "mail"),
        "STATIC_ROOT": str(workdir / "static"),
        # The bench's sessions are made without a second factor (a test deployment).
        "PORTAL_REQUIRE_2FA": "false",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("EMAIL_URL", None)
    os.environ.update(env)
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))

    growth = {}
    compare = args.compare_scale
    if compare is None and args.scale > 1:
        compare = 1.0
    other = None
    if not args.serve_only and compare is not None and compare != args.scale:
        log(f"scale {compare:g}: served beside this one, for the growth table")
        other = serve_other_scale(
            compare, workdir, args.only, other_cache_url(args.cache_url or args.broker_url)
        )

    ensure_database(database_url)
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    gunicorn = None
    try:
        load_data(args.scale)
        keys = sessions({"staff": "onmt.staff", "delegate": "delegate.fr", "admin": "admin"}, 16)
        measured = [
            page
            for page in pages()
            if page.kind in ("admin", "floor") or args.only.lower() in page.label.lower()
        ]
        for page in measured:
            page.sql = count_queries(page, keys[page.role][0] if page.role else None)
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            database_version = f"PostgreSQL {cursor.fetchone()[0]}"
        connection.close()  # gunicorn's workers and locust have the machine to themselves

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        gunicorn = subprocess.Popen(
            [
                *(PY, "-m", "gunicorn", "-c", "python:onmt_portal.gunicorn_conf"),
                *("onmt_portal.wsgi", "--log-level", "warning"),
            ],
            cwd=ROOT,
            env={
                **env,
                "WEB_WORKERS": "2",
                "GUNICORN_BIND": f"127.0.0.1:{port}",
                "GUNICORN_ACCESS_LOG": "",
            },
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/healthz/", timeout=5):
                    break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline or gunicorn.poll() is not None:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.3)

        cookie = settings.SESSION_COOKIE_NAME
        if args.serve_only:
            served = {
                page.label: {"path": page.path, "session": keys[page.role][0] if page.role else ""}
                for page in measured
            }
            ready = Path(args.serve_only)
            written = ready.with_suffix(".tmp")  # renamed whole: never read half-written
            written.write_text(json.dumps({"base": base, "pages": served}))
            written.rename(ready)
            sys.stdin.read()  # until the measuring run is done with us
            return 0
        # Absolute URLs: the other scale's pages take their turns among these.
        turns = [replace(page, path=base + page.path) for page in measured]
        session_of = {page.label: keys[page.role][0] for page in measured if page.role}
        if other is not None:
            served = other[1]
            for page in measured:
                there = served["pages"][page.label]
                label = f"{page.label} {OTHER_SCALE}"
                turns.append(replace(page, label=label, path=served["base"] + there["path"]))
                if there["session"]:
                    session_of[label] = there["session"]
        log("every page with one client, in turns" + (" at both scales" if other else ""))
        single = probes.single_client("", turns, session_of, cookie)
        if other is not None:
            other[0].stdin.close()
            other[0].wait(timeout=120)
            growth = {page.label: single[f"{page.label} {OTHER_SCALE}"] for page in measured}
        for page in measured:
            page.single = single[page.label]
            log(f"{page.label}: one client, p50 {page.single['p50']:.0f} ms")
        kept = [page for page in measured if page.kept]
        if kept:
            from core import versions
            from roadmaps.kept_pages import PAGE_VERSION

            log("kept pages: the first view after a change, with one client")
            first = probes.first_views(
                base,
                kept,
                {page.label: keys[page.role][0] for page in kept},
                cookie,
                change=lambda: versions.bump(PAGE_VERSION),
            )
            for page in kept:
                page.first_view = first[page.label]
        for page in measured:
            session_keys = keys[page.role] if page.role else None
            warm(base, page, session_keys[0] if session_keys else None, cookie)
            log(f"{page.label}: {args.users} users for {args.duration} s")
            page.stats = drive(
                base,
                page,
                session_keys,
                users=args.users,
                duration=args.duration,
                cookie_name=cookie,
                workdir=workdir,
            )
        log("exports: recommendations (CSV, XLSX) and a market dossier, as staff")
        exported = probes.exports(base, keys["staff"][0], cookie, dossier_path())
        discard_prepared_exports()  # the XLSX queued for a worker: measured below instead
        web_mb = {pid: peak_memory_mb(pid) for pid in children(gunicorn.pid)}
        stop(gunicorn)
        exported["floor"] = probes.copy_floor(database_url)

        today = scan_date()
        log(f"reminder scan for {today}")
        reminder = time_reminder_scan(today)
        log("Celery worker: the same scan and its digests")
        celery = celery_peak(env, today)
        exported["worker_xlsx"] = celery["export"]
        memory = {"web_mb": web_mb, "celery_mb": celery["peak_mb"], **celery}
        checks = verdicts(measured, reminder, max(web_mb.values()))
        checks += more_verdicts(measured, growth, exported, args.scale, compare)
        text = report(
            measured,
            reminder,
            memory,
            checks,
            growth=growth,
            exported=exported,
            compare=compare,
            machine=machine_description(database_version),
            scale=args.scale,
            users=args.users,
            duration=args.duration,
        )
    finally:
        if other is not None and other[0].poll() is None:
            other[0].stdin.close()
            other[0].wait(timeout=120)
        if gunicorn is not None:
            stop(gunicorn)
        connection.close()
        shutil.rmtree(workdir, ignore_errors=True)
        if args.drop_database:
            drop_database(database_url)

    print(text)
    if not args.only:  # a partial run is not "the last run"
        Path(args.output).write_text("# Last benchmark run\n\n" + text)
        if not args.no_readme:
            update_readme(text)
    return 0 if all(ok for ok, _ in checks) else TARGET_MISSED


if __name__ == "__main__":
    sys.exit(main())
