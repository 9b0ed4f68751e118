"""No two roadmaps of one market with overlapping periods — in the database.

PostgreSQL's exclusion constraint; the embedded SQLite default relies on
Roadmap.clean() and the services instead.
"""

from django.db import migrations

CONSTRAINT = """
ALTER TABLE roadmaps_roadmap ADD CONSTRAINT roadmap_no_overlapping_periods
EXCLUDE USING gist (market_id WITH =, daterange(starts_on, ends_on, '[]') WITH &&)
"""


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(CONSTRAINT)


def drop_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE roadmaps_roadmap DROP CONSTRAINT IF EXISTS roadmap_no_overlapping_periods"
    )


class Migration(migrations.Migration):
    dependencies = [("roadmaps", "0001_initial"), ("partners", "0004_membership_no_overlap")]

    operations = [migrations.RunPython(add_constraint, drop_constraint)]
