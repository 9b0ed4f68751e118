"""make backup / make restore: a dump of the database restores into a scratch one."""

import subprocess
import uuid

import psycopg2
import pytest
from django.conf import settings
from django.db import connection

from ..helpers.factories import OrganizationFactory
from ..helpers.workers import worker_database_url


def _admin_connection():
    db = connection.settings_dict
    conn = psycopg2.connect(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"] or "postgres",
        password=db["PASSWORD"] or None,
        dbname="postgres",
    )
    conn.autocommit = True
    return conn


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_a_scratch_database_with_the_data(tmp_path):
    OrganizationFactory(short_name="SAUVEGARDE", name="Organisme à sauvegarder")
    dump = tmp_path / "portal.dump"
    source = worker_database_url()
    scratch = f"onmt_restore_{uuid.uuid4().hex[:8]}"
    target = source.rsplit("/", 1)[0] + f"/{scratch}"

    backup = subprocess.run(
        ["make", "--no-print-directory", "backup", f"FILE={dump}", f"DATABASE_URL={source}"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert backup.returncode == 0, backup.stderr
    assert dump.stat().st_size > 0

    admin = _admin_connection()
    try:
        with admin.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{scratch}"')
        restore = subprocess.run(
            ["make", "--no-print-directory", "restore", f"FILE={dump}", f"DATABASE_URL={target}"],
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert restore.returncode == 0, restore.stderr
        restored = psycopg2.connect(target)
        try:
            with restored.cursor() as cursor:
                cursor.execute(
                    "SELECT name FROM partners_organization WHERE short_name = %s", ["SAUVEGARDE"]
                )
                assert cursor.fetchone() == ("Organisme à sauvegarder",)
                cursor.execute("SELECT count(*) FROM django_migrations")
                assert cursor.fetchone()[0] > 10
        finally:
            restored.close()
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
        admin.close()


def test_restore_without_a_file_says_how(tmp_path):
    result = subprocess.run(
        ["make", "--no-print-directory", "restore", "DATABASE_URL=postgres://x@127.0.0.1/none"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "make restore FILE=" in result.stderr
