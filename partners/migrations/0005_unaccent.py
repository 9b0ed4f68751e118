from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """Accent-insensitive directory search on PostgreSQL (a no-op on SQLite)."""

    dependencies = [("partners", "0004_membership_no_overlap")]

    operations = [UnaccentExtension()]
