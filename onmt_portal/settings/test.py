"""The test suite: always the real PostgreSQL and Redis."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-key-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz"  # noqa: S105
ALLOWED_HOSTS = ["*"]

DATABASES = {
    "default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/onmt_portal"),
}

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="redis://127.0.0.1:6379/15")
CELERY_BROKER_CONFIGURED = True
CELERY_RESULT_BACKEND = CELERY_BROKER_URL
# Tests of crashed workers shorten how long Redis waits before re-delivering.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=TASK_VISIBILITY_TIMEOUT),  # noqa: F405
    # Sweep for abandoned tasks every second (default: about every 100 s).
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
# Each test run queues on its own default queue; the worker processes a test
# starts are told this name, so concurrent runs never feed each other.
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default=f"test-{os.getpid()}")

# Uploads made by tests go to a scratch folder, never to the repository's var/.
_scratch = Path(tempfile.gettempdir()) / "onmt-portal-tests"
MEDIA_ROOT = _scratch / "media"
PRIVATE_MEDIA_ROOT = _scratch / "private"
STORAGES = {
    **STORAGES,  # noqa: F405
    "private": {
        "BACKEND": "core.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
}

# Speed: hashing demo passwords with PBKDF2 would dominate the suite.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Worker processes started by tests write mail where the test reads it.
if env.str("EMAIL_FILE_PATH", default=""):
    EMAIL_BACKEND = env.str(
        "TEST_EMAIL_BACKEND", default="django.core.mail.backends.filebased.EmailBackend"
    )
    EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH")
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
