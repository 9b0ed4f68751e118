"""Secrets that travel in URLs are never written to a log.

A private calendar feed's address carries its secret (/calendar/<token>.ics:
calendar programs cannot log in). The request logs of Django (runserver's and
django.request's) go through RedactSecretsFilter, and gunicorn's access log
through RedactingGunicornLogger (onmt_portal/gunicorn_conf.py), so the secret
shows as /calendar/[redacted].ics.
"""

import logging
import re

SECRET_IN_PATH = re.compile(r"(/calendar/)[^/\s?\"']+(\.ics)")
REDACTED = r"\1[redacted]\2"


def redact(text: str) -> str:
    return SECRET_IN_PATH.sub(REDACTED, text)


class RedactSecretsFilter(logging.Filter):
    """A logging filter: the message and its arguments, redacted."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {
                k: redact(v) if isinstance(v, str) else v for k, v in record.args.items()
            }
        # runserver's records also carry the request line, and django.request's the request.
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path") and "/calendar/" in request.path:
            record.request = None
        return True


def gunicorn_logger_class():
    """gunicorn's Logger, with the access log redacted (imported by gunicorn only)."""
    from gunicorn.glogging import Logger

    class RedactingGunicornLogger(Logger):
        def atoms(self, resp, req, environ, request_time):
            atoms = super().atoms(resp, req, environ, request_time)
            return {k: redact(v) if isinstance(v, str) else v for k, v in atoms.items()}

    return RedactingGunicornLogger
