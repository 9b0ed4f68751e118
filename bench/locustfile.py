"""One page under load: each simulated user loops on BENCH_PATH with its own session.

Driven by bench/run.py, one locust run per page (headless). Anything but a 200
— a redirect to the login page included — counts as an error.
"""

import itertools
import os

from locust import FastHttpUser, constant, task

PATH = os.environ["BENCH_PATH"]
LANGUAGE = os.environ.get("BENCH_LANGUAGE", "fr")
SESSIONS = [key for key in os.environ.get("BENCH_SESSIONS", "").split(",") if key]
COOKIE_NAME = os.environ.get("BENCH_COOKIE_NAME", "sessionid")
_next_session = itertools.cycle(SESSIONS or [""])


class PageUser(FastHttpUser):
    wait_time = constant(0)

    def on_start(self):
        session = next(_next_session)
        self.headers = {
            # gunicorn sits behind a TLS proxy in production; the proxy says HTTPS.
            "X-Forwarded-Proto": "https",
            "Accept-Language": LANGUAGE,
        }
        if session:
            self.headers["Cookie"] = f"{COOKIE_NAME}={session}"

    @task
    def page(self):
        with self.client.get(
            PATH, headers=self.headers, name="page", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
