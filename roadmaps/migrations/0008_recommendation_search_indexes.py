# Trigram indexes for the recommendation search (title and body, accents and
# case ignored: partners/search.py), built without locking the table against
# writes. GIN on PostgreSQL; a plain stand-in elsewhere (core.indexes).

from django.contrib.postgres.indexes import OpClass
from django.db import migrations, models
from django.db.models.functions import Upper

from core.indexes import SearchIndex
from core.migration_operations import AddIndexConcurrentlyOnPostgres


def search_index(field):
    return AddIndexConcurrentlyOnPostgres(
        model_name="recommendation",
        index=SearchIndex(
            OpClass(Upper(models.Func(models.F(field), function="portal_unaccent")), "gin_trgm_ops"),
            name=f"recommendation_{field}_search",
        ),
    )


def analyze(apps, schema_editor):
    # Statistics on the new index expressions: without them the planner guesses
    # a search matches many rows and walks the list's sort index instead.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ANALYZE roadmaps_recommendation")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("partners", "0009_portal_unaccent"),
        ("roadmaps", "0007_recommendation_list_indexes"),
    ]

    operations = [
        search_index("title"),
        search_index("body"),
        migrations.RunPython(analyze, migrations.RunPython.noop),
    ]
