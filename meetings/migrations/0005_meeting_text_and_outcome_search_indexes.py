# Trigram indexes for the portal's search (onmt_portal/finder.py): meetings'
# agendas and minutes, outcomes' text, accents and case ignored (core/search.py),
# built without locking the tables against writes. GIN on PostgreSQL; a plain
# stand-in elsewhere (core.indexes).

from django.db import migrations

from core.indexes import search_index
from core.migration_operations import AddIndexConcurrentlyOnPostgres


def analyze(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ANALYZE meetings_meeting")
        schema_editor.execute("ANALYZE meetings_outcome")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("meetings", "0004_meeting_search_indexes")]

    operations = [
        *(
            AddIndexConcurrentlyOnPostgres(model_name="meeting", index=search_index("meeting", field))
            for field in ("agenda", "minutes")
        ),
        AddIndexConcurrentlyOnPostgres(model_name="outcome", index=search_index("outcome", "text")),
        migrations.RunPython(analyze, migrations.RunPython.noop),
    ]
