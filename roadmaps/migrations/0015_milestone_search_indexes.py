# Trigram indexes for the portal's search (onmt_portal/finder.py): milestones'
# titles and descriptions, accents and case ignored (core/search.py), built
# without locking the table against writes. GIN on PostgreSQL; a plain stand-in
# elsewhere (core.indexes).

from django.db import migrations

from core.indexes import search_index
from core.migration_operations import AddIndexConcurrentlyOnPostgres


def analyze(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ANALYZE roadmaps_milestone")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("roadmaps", "0014_draft_needs_only_title"),
        ("partners", "0009_portal_unaccent"),
    ]

    operations = [
        *(
            AddIndexConcurrentlyOnPostgres(
                model_name="milestone", index=search_index("milestone", field)
            )
            for field in ("title", "description")
        ),
        migrations.RunPython(analyze, migrations.RunPython.noop),
    ]
