"""No two overlapping mandates of one person, role and organization — in the database.

An exclusion constraint is PostgreSQL's; the embedded SQLite default relies on
Membership.clean() and the services instead.
"""

from django.db import migrations

CONSTRAINT = """
ALTER TABLE partners_membership ADD CONSTRAINT membership_no_overlapping_mandates
EXCLUDE USING gist (
    person_id WITH =,
    organization_id WITH =,
    role WITH =,
    daterange(start_date, end_date, '[]') WITH &&
)
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
        "ALTER TABLE partners_membership DROP CONSTRAINT IF EXISTS membership_no_overlapping_mandates"
    )


class Migration(migrations.Migration):
    dependencies = [("partners", "0003_regions")]

    operations = [migrations.RunPython(add_constraint, drop_constraint)]
