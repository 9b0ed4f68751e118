"""What the loaded run does not show, measured by bench/run.py in the same run:

- each page as one user feels it: sequential requests, one at a time, no queue
  (p50 and the size of the page);
- the exports against their floor: PostgreSQL's own `\\copy` of the same
  columns, through psql;
- the XLSX built by a worker (core/prepared_exports.py), from queueing to ready.
"""

import statistics
import subprocess
import time
import urllib.error
import urllib.request

WARM_RUNS = 3


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def _headers(language: str, session_key: str | None, cookie_name: str) -> dict:
    headers = {"X-Forwarded-Proto": "https", "Accept-Language": language}
    if session_key:
        headers["Cookie"] = f"{cookie_name}={session_key}"
    return headers


def fetch(url: str, headers: dict, timeout: float = 120) -> dict:
    """One request to its last byte: status, seconds, bytes, where it redirects."""
    started = time.perf_counter()
    try:
        with _opener.open(urllib.request.Request(url, headers=headers), timeout=timeout) as answer:
            size = sum(len(chunk) for chunk in iter(lambda: answer.read(1 << 16), b""))
            status, location = answer.status, answer.headers.get("Location", "")
    except urllib.error.HTTPError as error:  # a redirect not followed lands here too
        size, status, location = len(error.read()), error.code, error.headers.get("Location", "")
    return {
        "status": status,
        "seconds": time.perf_counter() - started,
        "bytes": size,
        "location": location,
    }


def first_views(base, pages, session_keys: dict, cookie_name, change, runs: int = 15) -> dict:
    """Each kept page's p50 when every request follows a change (`change()` makes
    what was kept stale): what the first viewer after an edit waits."""
    found = {}
    for page in pages:
        headers = _headers(page.language, session_keys.get(page.label), cookie_name)
        times = []
        for _ in range(runs):
            change()
            answer = fetch(base + page.path, headers)
            if answer["status"] != 200:
                raise RuntimeError(f"{page.path} answered {answer['status']}")
            times.append(answer["seconds"])
        found[page.label] = statistics.median(times) * 1000
    return found


def single_client(base, pages, session_keys: dict, cookie_name, runs: int = 25) -> dict:
    """Each page as one user feels it: p50 of `runs` sequential requests after a
    few to warm up, and the page's size.

    The pages take turns, one request each per round, so that every page — the
    floor, /healthz/, included — is measured over the same minutes: a moment of
    the machine being slower falls on all of them alike, not on one page (the
    growth table divides each page by its own run's floor)."""
    headers = {
        page.label: _headers(page.language, session_keys.get(page.label), cookie_name)
        for page in pages
    }
    times = {page.label: [] for page in pages}
    sizes = {page.label: [] for page in pages}
    for index in range(WARM_RUNS + runs):
        for page in pages:
            answer = fetch(base + page.path, headers[page.label])
            if answer["status"] != 200:
                raise RuntimeError(f"{page.path} answered {answer['status']}")
            if index >= WARM_RUNS:
                times[page.label].append(answer["seconds"])
                sizes[page.label].append(answer["bytes"])
    return {
        page.label: {
            "p50": statistics.median(times[page.label]) * 1000,
            "bytes": int(statistics.median(sizes[page.label])),
        }
        for page in pages
    }


# The recommendations export's columns (roadmaps/exports.py), as ONMT staff get them.
EXPORT_SQL = """
SELECT r.title, o.short_name,
       (SELECT string_agg(m.code, ', ' ORDER BY m.code)
          FROM roadmaps_recommendation_markets rm
          JOIN partners_market m ON m.id = rm.market_id
         WHERE rm.recommendation_id = r.id),
       r.theme, r.priority, r.status, r.submitted_at, r.decided_at, r.response, r.review_notes
FROM roadmaps_recommendation r
JOIN partners_organization o ON o.id = r.organization_id
ORDER BY r.updated_at DESC, r.id DESC
"""


def copy_floor(database_url: str, runs: int = 3) -> dict:
    """psql's \\copy of the export's rows to CSV: the floor no Python code beats."""
    command = ["psql", database_url, "-q", "-c", f"\\copy ({' '.join(EXPORT_SQL.split())}) "
               "TO '/dev/null' WITH (FORMAT csv, HEADER)"]  # fmt: skip
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, timeout=600)
        times.append(time.perf_counter() - started)
    return {"seconds": statistics.median(times)}


def exports(base, session_key, cookie_name, dossier_path: str) -> dict:
    """The full recommendations export (CSV, XLSX) and a market dossier, as staff."""
    headers = _headers("fr", session_key, cookie_name)
    return {
        "csv": fetch(base + "/recommendations/export.csv", headers),
        "xlsx": fetch(base + "/recommendations/export.xlsx", headers),
        "dossier": fetch(base + dossier_path, headers),
    }


def worker_export(username: str, timeout: float = 900) -> dict:
    """The full recommendations XLSX through the background path: queued as the
    view queues it, built by the Celery worker running now; seconds from the
    claim to ready, and its rows."""
    from django.contrib.auth import get_user_model

    from core import prepared_exports
    from core.models import PreparedExport
    from roadmaps.exports import RECOMMENDATIONS

    owner = get_user_model().objects.get(username=username)
    export = prepared_exports.prepare(
        owner=owner, kind=RECOMMENDATIONS, params={"query": ""}, filename="bench.xlsx"
    )
    deadline = time.monotonic() + timeout
    while True:
        export.refresh_from_db()
        if export.state in (PreparedExport.State.READY, PreparedExport.State.FAILED):
            break
        if time.monotonic() > deadline:
            raise RuntimeError("the worker did not build the export in time")
        time.sleep(0.5)
    if export.state != PreparedExport.State.READY:
        raise RuntimeError("the worker could not build the export")
    seconds = (export.finished_at - export.claimed_at).total_seconds()
    size = export.file.size
    export.file.delete(save=False)
    export.delete()
    return {"seconds": seconds, "rows": export.rows, "bytes": size}
