# The meetings not over yet, by start (Meeting.objects.upcoming: the dashboard's
# next meetings, the list's upcoming tab): the meetings under way from a GiST
# index of their spans, then an index on the start read in order from the
# earliest of them, so a page of them costs a few rows however many meetings
# there are. Built without locking the table against writes. GiST on PostgreSQL;
# a plain stand-in elsewhere (core.indexes).

from django.db import migrations, models

from core.indexes import span_index
from core.migration_operations import AddIndexConcurrentlyOnPostgres


def analyze(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ANALYZE meetings_meeting")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("meetings", "0005_meeting_text_and_outcome_search_indexes")]

    operations = [
        AddIndexConcurrentlyOnPostgres(
            model_name="meeting",
            index=models.Index(fields=["starts_at", "id"], name="meeting_start"),
        ),
        AddIndexConcurrentlyOnPostgres(
            model_name="meeting", index=span_index("meeting", "starts_at", "ends_at")
        ),
        migrations.RunPython(analyze, migrations.RunPython.noop),
    ]
