# The recommendations list filtered by status and market counts its rows (up to
# core.pagination.COUNT_LIMIT) by merging two index-only scans in id order:
# recommendations by (status, id) and their markets by (market, recommendation).
# Without them PostgreSQL hashed every recommendation of the status (24 ms at
# the bench's scale 4, growing with the table). Both built without locking.
#
# The markets table is the many-to-many's own (no model of ours to declare the
# index on), hence the SQL.

from django.db import migrations, models

from core.migration_operations import AddIndexConcurrentlyOnPostgres

MARKET_INDEX = "recommendation_market_first"


def add_market_index(apps, schema_editor):
    concurrently = "CONCURRENTLY " if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(
        f"CREATE INDEX {concurrently}IF NOT EXISTS {MARKET_INDEX} "
        "ON roadmaps_recommendation_markets (market_id, recommendation_id)"
    )


def drop_market_index(apps, schema_editor):
    concurrently = "CONCURRENTLY " if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(f"DROP INDEX {concurrently}IF EXISTS {MARKET_INDEX}")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("roadmaps", "0016_recommendation_waiting_index")]

    operations = [
        AddIndexConcurrentlyOnPostgres(
            model_name="recommendation",
            index=models.Index(fields=["status", "id"], name="recommendation_status_id"),
        ),
        migrations.RunPython(add_market_index, drop_market_index, elidable=False),
    ]
