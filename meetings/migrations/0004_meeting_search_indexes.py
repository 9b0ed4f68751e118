# Trigram indexes for the meetings list's search (title, place), accents and case
# ignored (core/search.py), built without locking the table against writes.
# GIN on PostgreSQL; a plain stand-in elsewhere (core.indexes).

from django.db import migrations

from core.indexes import search_index
from core.migration_operations import AddIndexConcurrentlyOnPostgres


def analyze(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ANALYZE meetings_meeting")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("meetings", "0003_participant_responses_and_closed_outcomes"),
        ("partners", "0009_portal_unaccent"),
    ]

    operations = [
        *(
            AddIndexConcurrentlyOnPostgres(model_name="meeting", index=search_index("meeting", field))
            for field in ("title", "location")
        ),
        migrations.RunPython(analyze, migrations.RunPython.noop),
    ]
