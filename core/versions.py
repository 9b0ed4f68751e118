"""Data versions kept in the cache: what a cached figure or page was computed from.

A cached value's key holds the version of the data it read; a change bumps the
version, and the next read computes afresh under the new key (the old one ages
out). Production shares the cache between processes (CACHE_URL, Redis), so a
change made by one worker is seen by all; with the default per-process cache a
change shows in other processes at the latest when the cached value expires.

The cache is an optimisation, never a dependency: when it is unreachable the
callers compute without it, and a change is never refused for it.
"""

import logging
import time
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
# What an unreachable cache raises (Django's Redis cache: redis-py's errors).
CACHE_ERRORS = (RedisError, OSError)
T = TypeVar("T")


def _fresh() -> int:
    """A version never used before: were the version itself evicted from the
    cache, starting again from 1 could serve values kept under an old 1."""
    return time.time_ns()


def current(name: str) -> int:
    """The version of `name` now (a fresh one when none is recorded). Raises CACHE_ERRORS."""
    return cache.get_or_set(name, _fresh, timeout=None)


def bump(name: str) -> None:
    """A new version of `name`. Never fails the change that asked for it."""
    try:
        try:
            cache.incr(name)
        except ValueError:  # no version yet (or evicted)
            cache.set(name, _fresh(), timeout=None)
    except CACHE_ERRORS:
        # Values cached before the change age out within their timeout.
        logger.warning("cache unreachable: %s not bumped", name, exc_info=True)


def bump_now_and_on_commit(name: str) -> None:
    """Bump at once (this transaction reads its own change) and again after the
    commit: a value another request computed in between, from the rows as they
    were before the commit, is never served once the change is visible."""
    bump(name)
    transaction.on_commit(lambda: bump(name))


def cached(name: str, key: str, build: Callable[[], T], timeout: int) -> T:
    """build()'s value, kept under `key` at the current version of `name`: built
    again after a bump or `timeout` seconds, and without the cache when it is
    unreachable."""
    try:
        versioned = f"{key}:v{current(name)}"
        value = cache.get(versioned)
    except CACHE_ERRORS:
        logger.warning("cache unreachable: %s built without it", key, exc_info=True)
        return build()
    if value is None:
        value = build()
        try:
            cache.set(versioned, value, timeout)
        except CACHE_ERRORS:
            logger.warning("cache unreachable: %s not kept", key, exc_info=True)
    return value
