"""Fixtures shared by the whole suite: users per role, a real Celery worker, Chromium."""

import os
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from partners.roles import Role

from .factories import UserFactory

# Playwright's sync API runs an event loop in the test thread; Django would
# otherwise refuse every ORM call made from a browser test (FACTS.md).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

BASE_DIR = Path(settings.BASE_DIR)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# --- users per role (STYLE.md: alice/bob/charlie, here by role) ---------------


@pytest.fixture
def staff(db):
    return UserFactory(role=Role.ONMT_STAFF, username="staff")


@pytest.fixture
def delegate_fr(db):
    return UserFactory(role=Role.DELEGATE, username="delegate_fr")


@pytest.fixture
def council_fes(db):
    return UserFactory(role=Role.COUNCIL, username="council_fes")


@pytest.fixture
def council_rabat(db):
    return UserFactory(role=Role.COUNCIL, username="council_rabat")


@pytest.fixture
def admin_user(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


# --- a real Celery worker process --------------------------------------------


@dataclass
class WorkerProcess:
    queue: str
    process: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def _test_database_url() -> str:
    """The URL of the database the test is using (pytest-django's test_… one)."""
    db = connection.settings_dict
    credentials = db["USER"] or ""
    if db.get("PASSWORD"):
        credentials += f":{db['PASSWORD']}"
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def start_worker(
    tmp_path: Path, *, queue: str | None = None, extra_env: dict | None = None
) -> WorkerProcess:
    """Start `celery worker` as a subprocess, by default on this test run's queue.

    The caller's test must use `transaction=True`, or the worker cannot see its rows.
    """
    queue = queue or settings.CELERY_TASK_DEFAULT_QUEUE
    log_path = tmp_path / f"{queue}-{uuid.uuid4().hex[:6]}.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "onmt_portal.settings.test",
        "DATABASE_URL": _test_database_url(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "CELERY_TASK_DEFAULT_QUEUE": settings.CELERY_TASK_DEFAULT_QUEUE,
        **(extra_env or {}),
    }
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "onmt_portal",
                "worker",
                "--pool=solo",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "-Q",
                queue,
                "-n",
                f"{queue}@%h",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    return WorkerProcess(queue=queue, process=process, log_path=log_path)


def stop_worker(worker: WorkerProcess) -> None:
    if worker.process.poll() is None:
        worker.process.terminate()
        try:
            worker.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.process.kill()
            worker.process.wait(timeout=5)


@pytest.fixture
def mail_dir(tmp_path):
    """Where worker processes write their e-mails (Django's file backend)."""
    path = tmp_path / "mail"
    path.mkdir()
    return path


@pytest.fixture
def celery_worker(transactional_db, tmp_path, mail_dir):
    _purge_default_queue()  # tasks left by earlier transactional tests of this run
    worker = start_worker(tmp_path, extra_env={"EMAIL_FILE_PATH": str(mail_dir)})
    yield worker
    stop_worker(worker)


def _purge_default_queue():
    import redis

    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    client.delete(settings.CELERY_TASK_DEFAULT_QUEUE)
    client.close()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached figures must not leak from one test's (rolled back) data into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def _drop_the_run_queue_at_the_end():
    yield
    _purge_default_queue()


def read_mails(mail_dir: Path) -> list:
    """The messages the file backend wrote, parsed."""
    import email
    from email import policy

    messages = []
    for path in sorted(mail_dir.glob("*.log")):
        # One file per connection; messages are separated by a line of 79 dashes.
        for chunk in path.read_bytes().split(b"-" * 79 + b"\n"):
            if chunk.strip():
                messages.append(email.message_from_bytes(chunk, policy=policy.default))
    return messages


# --- Chromium through Playwright ----------------------------------------------


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def csp_violations(page) -> list[str]:
    """Collects what the Content-Security-Policy refused on this page."""
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return refused


@pytest.fixture
def page_fr(chromium):
    """A French-speaking user's browser tab (Chromium says en-US unless told).
    The test fails if the page's CSP refused anything along the way."""
    context = chromium.new_context(locale="fr-MA")
    page = context.new_page()
    page.set_default_timeout(15_000)
    refused = csp_violations(page)
    yield page
    context.close()
    assert refused == [], refused


def wait_for(predicate, *, timeout: float = 30, interval: float = 0.1):
    """Poll until predicate() is truthy; return its value or fail the test."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"timed out after {timeout}s waiting for {predicate}")
