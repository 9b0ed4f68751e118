"""Data versions in the cache (core/versions.py): a bump makes what was kept
stale, and a version evicted from a full cache never comes back as an old one."""

from django.core.cache import cache

from core import versions

NAME = "tests:versions:version"


def test_a_bump_makes_what_was_kept_stale():
    built = []

    def build():
        built.append(len(built) + 1)
        return built[-1]

    assert versions.cached(NAME, "tests:value", build, 60) == 1
    assert versions.cached(NAME, "tests:value", build, 60) == 1  # kept
    versions.bump(NAME)
    assert versions.cached(NAME, "tests:value", build, 60) == 2


def test_an_evicted_version_never_serves_what_was_kept_under_an_old_one():
    versions.cached(NAME, "tests:value", lambda: "before the change", 60)
    versions.bump(NAME)
    cache.delete(NAME)  # the cache was full: the version itself was evicted

    assert versions.cached(NAME, "tests:value", lambda: "after the change", 60) == (
        "after the change"
    )
