# portal_unaccent(): unaccent() declared IMMUTABLE, so that search indexes can
# use it (see partners/search.py), and pg_trgm for those indexes. PostgreSQL
# only: SQLite (make run) has its own UNACCENT function.

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION portal_unaccent(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$
"""
DROP = "DROP FUNCTION IF EXISTS portal_unaccent(text)"


def create_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class PostgresTrigramExtension(TrigramExtension):
    """Django's guards the way forward on other databases, not the way back."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0008_calendar_token"),
    ]

    operations = [
        PostgresTrigramExtension(),  # does nothing on SQLite
        migrations.RunPython(create_function, drop_function),
    ]
