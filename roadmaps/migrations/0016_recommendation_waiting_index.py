# The inbox's recommendations to review (status submitted or under review, the
# oldest first, 50 at most) read from a partial index in its order, instead of
# sorting every waiting recommendation; built without locking the table.

from django.db import migrations, models

from core.migration_operations import AddIndexConcurrentlyOnPostgres


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("roadmaps", "0015_milestone_search_indexes")]

    operations = [
        AddIndexConcurrentlyOnPostgres(
            model_name="recommendation",
            index=models.Index(
                fields=["submitted_at", "id"],
                condition=models.Q(status__in=["submitted", "under_review"]),
                name="recommendation_waiting",
            ),
        ),
    ]
