"""gunicorn's settings, one file for compose, the Dockerfile and `make bench`:
`gunicorn -c python:onmt_portal.gunicorn_conf onmt_portal.wsgi`.

Values that differ between deployments come from the environment.

Workers never starve: each worker process serves GUNICORN_THREADS requests at
once (gthread), so a slow client — a 9 MB agreement uploaded over a poor line,
a large export downloaded — holds one thread, not the whole worker, and
/healthz/ keeps answering. A request still running after `timeout` seconds of
silence from its worker gets the worker restarted; the proxy in front buffers
requests and responses too (see the README).
"""

import os

from core.redaction import gunicorn_logger_class

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_WORKERS", "3"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
keepalive = 5
max_requests = 2000
max_requests_jitter = 200
# "-" is stdout; an empty value turns the access log off (the bench).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
# The request's reference (core/request_id.py) ends each line.
access_log_format = (
    '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %({x-request-id}o)s'
)
# Calendar feed secrets are redacted from the access log (core/redaction.py).
logger_class = gunicorn_logger_class()
