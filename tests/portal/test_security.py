"""Log-in hardening and the headers every response carries."""

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from onmt_portal.demo import DEFAULT_DEMO_PASSWORD
from onmt_portal.middleware import IdleSessionMiddleware

from ..helpers.accounts import login_data

pytestmark = pytest.mark.django_db


def attempt(client, password, username="crt.fes", address="10.0.0.1"):
    return client.post(reverse("login"), login_data(username, password), REMOTE_ADDR=address)


def test_five_failures_lock_that_account_from_that_address_for_15_minutes(
    client, time_machine=None
):
    call_command("seed_demo", force=True)
    for _ in range(4):
        assert attempt(client, "wrong").status_code == 200
    locked = attempt(client, "wrong")
    assert locked.status_code == 429
    assert "verrouillé pendant 15 minutes" in locked.content.decode()

    # Even the right password is refused while locked...
    assert attempt(client, DEFAULT_DEMO_PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session
    # ...but the same account from another address, and another account, still log in.
    assert attempt(client, DEFAULT_DEMO_PASSWORD, address="10.0.0.2").status_code == 302
    client.logout()
    assert attempt(client, DEFAULT_DEMO_PASSWORD, username="crt.rabat").status_code == 302


def test_the_lock_is_a_cool_off_not_a_permanent_lock(client):
    from axes.models import AccessAttempt

    call_command("seed_demo", force=True)
    for _ in range(5):
        attempt(client, "wrong")
    assert attempt(client, DEFAULT_DEMO_PASSWORD).status_code == 429

    # 16 minutes later (the attempts are dated back rather than the clock moved).
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16)
    )
    assert attempt(client, DEFAULT_DEMO_PASSWORD).status_code == 302


def test_password_rules_length_and_common_passwords(client, council_fes):
    client.force_login(council_fes)
    url = reverse("password_change")

    def change(new):
        return client.post(
            url,
            {"old_password": "correct-horse-battery", "new_password1": new, "new_password2": new},
        )

    assert "au minimum 12 caractères" in change("short-pass1").content.decode()
    assert "trop courant" in change("password1234").content.decode()
    assert "trop long" in change("a" * 129).content.decode()
    # No composition rules: a long passphrase of lowercase words is fine.
    assert change("les dattes de zagora sont sucrees").status_code == 302


def _writes_session(queries) -> bool:
    return any(
        query["sql"].startswith(("UPDATE", "INSERT")) and '"django_session"' in query["sql"]
        for query in queries
    )


def test_sessions_end_after_8_idle_hours_without_a_write_on_every_page(client, staff, settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    client.force_login(staff)
    key = client.session.session_key
    stored = Session.objects.filter(pk=key)

    client.get("/")  # force_login bypasses the middleware: the first page sets the refresh
    # A page soon after: the session is read, not written.
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    assert not _writes_session(queries)

    # Its last refresh over 5 minutes ago: the next page pushes the expiry back.
    session = client.session
    session[IdleSessionMiddleware.KEY] -= settings.SESSION_REFRESH_INTERVAL + 1
    session.save()
    stored.update(expire_date=timezone.now() + datetime.timedelta(hours=7, minutes=54))
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert _writes_session(queries)
    soon = timezone.now() + datetime.timedelta(hours=7, minutes=59)
    assert stored.get().expire_date > soon
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 8 * 3600

    # Eight idle hours later the session is over: back to the log-in page.
    stored.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_request_that_never_reads_a_session_does_not_start_one(client, settings):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert not Session.objects.exists()


def test_every_page_carries_a_strict_content_security_policy(client, staff):
    client.force_login(staff)
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert "'unsafe-inline'" not in directives["script-src"]
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_production_settings_turn_on_hsts_and_secure_cookies():
    import subprocess
    import sys

    from django.conf import settings

    code = (
        "from django.conf import settings as s;"
        "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE,"
        " s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT)"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=settings.BASE_DIR,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "onmt_portal.settings.production",
            "SECRET_KEY": "x" * 60 + "y" * 10,
            "ALLOWED_HOSTS": "portail.example",
            "DATABASE_URL": "postgres://u:p@db/portal",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["31536000", "True", "True", "True"], result.stderr


def test_inline_styles_are_allowed_in_the_admin_only(client, admin_user):
    client.force_login(admin_user)
    portal = client.get("/")["Content-Security-Policy"]
    admin = client.get("/admin/")["Content-Security-Policy"]
    assert "style-src 'self';" in portal + ";"
    assert "'unsafe-inline'" in admin.split("style-src")[1].split(";")[0]
    assert "'unsafe-inline'" not in admin.split("script-src")[1].split(";")[0]


def test_an_over_long_user_name_is_a_form_error_not_a_500(client):
    response = attempt(client, "x", username="u" * 5000)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
