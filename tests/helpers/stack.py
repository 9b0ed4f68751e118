"""The production layout in miniature, for the fault suite (tests/faults/): a Redis
of the test's own on a free port (broker and cache, as in compose), gunicorn on
the portal's settings, Celery workers, commands — real processes, on the test's
database, that a test can stop, kill and start again."""

import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from .workers import worker_database_url

BASE_DIR = Path(settings.BASE_DIR)
KEEP_NOTHING = ("--save", "", "--appendonly", "no")
GUNICORN = ("-c", "python:onmt_portal.gunicorn_conf", "onmt_portal.wsgi")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class PrivateRedis:
    """A Redis that keeps nothing on disk, as the issue's fault run had it."""

    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def broker_url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    @property
    def cache_url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/1"

    def start(self) -> "PrivateRedis":
        executable = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.process = subprocess.Popen(
            [
                executable,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def env(self) -> dict:
        return {"CELERY_BROKER_URL": self.broker_url, "CACHE_URL": self.cache_url}


def portal_env(redis: PrivateRedis, mail_dir: Path, **extra) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "onmt_portal.settings.test",
        "DATABASE_URL": worker_database_url(),
        "CELERY_TASK_DEFAULT_QUEUE": settings.CELERY_TASK_DEFAULT_QUEUE,
        "EMAIL_FILE_PATH": str(mail_dir),
        **redis.env(),
        **extra,
    }


@dataclass
class Web:
    """gunicorn with the portal's own settings file (onmt_portal/gunicorn_conf.py)."""

    env: dict
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, workers: int = 2) -> "Web":
        env = {
            **self.env,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "WEB_WORKERS": str(workers),
            "GUNICORN_ACCESS_LOG": "",
        }
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "python:onmt_portal.gunicorn_conf",
                "onmt_portal.wsgi",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("gunicorn did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)


class Visitor:
    """A logged-in browser, as far as forms go: cookies, the CSRF token, no redirects."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self, base: str, session_key: str | None = None):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), self._NoRedirect
        )
        if session_key:
            self._cookie(settings.SESSION_COOKIE_NAME, session_key)

    def _cookie(self, name: str, value: str) -> None:
        self.jar.set_cookie(
            http.cookiejar.Cookie(
                0,
                name,
                value,
                None,
                False,
                "127.0.0.1",
                False,
                False,
                "/",
                True,
                False,
                None,
                False,
                None,
                None,
                {},
            )
        )

    def get(self, path: str, timeout: float = 30) -> tuple[int, str]:
        try:
            with self.opener.open(self.base + path, timeout=timeout) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def post(self, path: str, data: dict, *, form_page: str | None = None) -> tuple[int, str]:
        """Post like the form on form_page (default: path) would, with its CSRF token."""
        _status, page = self.get(form_page or path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        body = urllib.parse.urlencode(
            {**data, "csrfmiddlewaretoken": token.group(1) if token else ""}, doseq=True
        ).encode()
        request = urllib.request.Request(self.base + path, data=body, method="POST")
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")


def manage(*args: str, env: dict, timeout: float = 120) -> subprocess.CompletedProcess:
    """A management command in its own process (the dispatcher, a shell line)."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
