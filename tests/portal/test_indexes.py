"""The indexes the lists sort on exist, valid, after the (concurrent) migrations;
the migrations also run on the embedded SQLite of `make run`, and the queries
that read PostgreSQL-only indexes have their way there too."""

import os
import sqlite3
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "definition"),
    [
        ("recommendation_recent", "(updated_at DESC, id DESC)"),
        ("recommendation_status_recent", "(status, updated_at DESC)"),
        (
            "recommendation_title_search",
            "USING gin (upper(portal_unaccent((title)::text)) gin_trgm_ops)",
        ),
        ("recommendation_body_search", "USING gin (upper(portal_unaccent(body)) gin_trgm_ops)"),
        ("meeting_start", "USING btree (starts_at, id)"),
        ("meeting_span", "USING gist (tstzrange(starts_at, ends_at, '[]'::text))"),
    ],
)
def test_list_indexes_are_built_and_valid(name, definition):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_get_indexdef(i.indexrelid), i.indisvalid FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = %s",
            [name],
        )
        row = cursor.fetchone()
    assert row is not None, f"{name} is missing"
    indexdef, valid = row
    assert indexdef.endswith(definition), indexdef
    assert valid


def test_the_search_function_is_immutable_and_ignores_accents_and_case():
    with connection.cursor() as cursor:
        cursor.execute("SELECT provolatile FROM pg_proc WHERE proname = 'portal_unaccent'")
        assert cursor.fetchone() == ("i",)  # immutable: indexable
        cursor.execute("SELECT upper(portal_unaccent('Fès-Meknès Œuvre'))")
        assert cursor.fetchone() == ("FES-MEKNES OEUVRE",)


def test_the_migrations_run_on_the_embedded_sqlite_of_make_run(tmp_path):
    """`make run` without services migrates SQLite: every migration, forwards and
    back over the search indexes, rebuilding tables that carry them."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'run.sqlite3'}"}

    def manage(*command):
        done = subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    def migrate(*target):
        manage("migrate", "--no-input", "-v0", *target)

    migrate()
    migrate("roadmaps", "0007")
    migrate()
    with sqlite3.connect(tmp_path / "run.sqlite3") as db:
        names = {
            row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        }
    assert {"recommendation_title_search", "recommendation_body_search"} <= names
    assert {"meeting_span", "meeting_start"} <= names
    # The dashboard's next meetings read on SQLite without the PostgreSQL range.
    shown = manage("shell", "-v0", "-c", NEXT_UP_ON_SQLITE)
    assert shown.split() == ["under-way", "next"]


NEXT_UP_ON_SQLITE = """
from datetime import timedelta
from django.utils import timezone
from meetings.models import Meeting
from partners.models import Organization
now, hour = timezone.now(), timedelta(hours=1)
onmt = Organization.objects.create(name="ONMT", short_name="ONMT")
for title, start, hours in [("past", -5, 2), ("under-way", -48, 96), ("next", 2, 3)]:
    Meeting.objects.create(title=title, organizer=onmt,
        starts_at=now + start * hour, ends_at=now + (start + hours) * hour)
print(*(m.title for m in Meeting.objects.upcoming().order_by("starts_at")))
"""
