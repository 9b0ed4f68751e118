"""Real Celery worker processes for tests, on this run's own queue."""

import os
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

import redis
from django.conf import settings
from django.db import connection

BASE_DIR = Path(settings.BASE_DIR)


@dataclass
class WorkerProcess:
    queue: str
    process: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def worker_database_url() -> str:
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
        "DATABASE_URL": worker_database_url(),
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


def purge_default_queue() -> None:
    """Drop the tasks left on this run's queue (earlier transactional tests)."""
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    client.delete(settings.CELERY_TASK_DEFAULT_QUEUE)
    client.close()


def queued() -> int:
    """How many tasks wait on this run's queue."""
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    try:
        return client.llen(settings.CELERY_TASK_DEFAULT_QUEUE)
    finally:
        client.close()
