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


def post_worker_init(worker):
    """Once the application is loaded: its modules, URL patterns and settings live
    as long as the worker, so the cyclic garbage collector stops walking them
    (gc.freeze), and it runs every GC_THRESHOLD allocations instead of 700.

    Profiled on a list page, collections took about 3 ms a request, mostly
    walking these long-lived objects again; with this, a fraction of a
    millisecond. Request objects in reference cycles are still collected.
    """
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(int(os.environ.get("GC_THRESHOLD", "10000")), 10, 10)
