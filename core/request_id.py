"""A reference for each request: in every log line written while it runs, in the
X-Request-ID response header, and on error pages — so that "reference 5f2c…" on
a user's screen finds the log lines of what went wrong.

Kept free of model imports: the logging configuration loads the filter before
the apps are ready.
"""

import contextvars
import logging
import re
import uuid

_request_id = contextvars.ContextVar("request_id", default="-")
# A proxy may give its own reference (X-Request-ID): taken when it looks like one.
SANE_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


class RequestIdMiddleware:
    """Sets request.request_id (the proxy's own, when it sends a sane one)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request.request_id = given if SANE_ID.fullmatch(given) else uuid.uuid4().hex[:16]
        token = _request_id.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response["X-Request-ID"] = request.request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds %(request_id)s to log records ("-" outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = _request_id.get()
        return True
