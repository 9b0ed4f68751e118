"""The embedded default: what `make run` serves on a laptop with nothing installed."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
# Local only: a fixed key for a portal that never leaves 127.0.0.1.
SECRET_KEY = SECRET_KEY or "local-only-insecure-key-do-not-use-in-production"  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
