# The recommendation list's sort (most recently changed first), built without
# locking the table against writes on PostgreSQL.

from django.db import migrations, models

from core.migration_operations import AddIndexConcurrentlyOnPostgres


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("roadmaps", "0006_market_indicator"),
    ]

    operations = [
        AddIndexConcurrentlyOnPostgres(
            model_name="recommendation",
            index=models.Index(fields=["-updated_at", "-id"], name="recommendation_recent"),
        ),
        AddIndexConcurrentlyOnPostgres(
            model_name="recommendation",
            index=models.Index(
                fields=["status", "-updated_at"], name="recommendation_status_recent"
            ),
        ),
    ]
