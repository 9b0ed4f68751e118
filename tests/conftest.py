"""Fixtures shared by the whole suite: users per role, a real Celery worker, Chromium.

Helpers live in tests/helpers/ and are imported from there, never from here.
"""

import os

import pytest

from partners.roles import Role

from .helpers.browser import CHROMIUM, CHROMIUM_ARGS, csp_violations
from .helpers.factories import UserFactory
from .helpers.workers import purge_default_queue, start_worker, stop_worker

# Playwright's sync API runs an event loop in the test thread; Django would
# otherwise refuse every ORM call made from a browser test (FACTS.md).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# --- users per role (STYLE.md: alice/bob/charlie, here by role) ---------------


@pytest.fixture
def staff(db):
    return UserFactory(role=Role.ONMT_STAFF, username="staff")


@pytest.fixture
def delegate_fr(db):
    return UserFactory(role=Role.DELEGATE, username="delegate_fr")


@pytest.fixture
def council_fes(db):
    return UserFactory(role=Role.COUNCIL, username="council_fes")


@pytest.fixture
def council_rabat(db):
    return UserFactory(role=Role.COUNCIL, username="council_rabat")


@pytest.fixture
def admin_user(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


# --- a real Celery worker process --------------------------------------------


@pytest.fixture
def mail_dir(tmp_path):
    """Where worker processes write their e-mails (Django's file backend)."""
    path = tmp_path / "mail"
    path.mkdir()
    return path


@pytest.fixture
def celery_worker(transactional_db, tmp_path, mail_dir):
    purge_default_queue()  # tasks left by earlier transactional tests of this run
    worker = start_worker(tmp_path, extra_env={"EMAIL_FILE_PATH": str(mail_dir)})
    yield worker
    stop_worker(worker)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached figures must not leak from one test's (rolled back) data into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in French: a request leaves its language active in the
    thread (LocaleMiddleware does not reset it), and a test that ends on an
    Arabic page would otherwise hand Arabic to the next one."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session", autouse=True)
def _drop_the_run_queue_at_the_end():
    yield
    purge_default_queue()


# --- Chromium through Playwright ----------------------------------------------


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page_fr(chromium):
    """A French-speaking user's browser tab (Chromium says en-US unless told).
    The test fails if the page's CSP refused anything along the way."""
    context = chromium.new_context(locale="fr-MA")
    page = context.new_page()
    page.set_default_timeout(15_000)
    refused = csp_violations(page)
    yield page
    context.close()
    assert refused == [], refused
