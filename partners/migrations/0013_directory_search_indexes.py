# Trigram indexes for the directory's and the pickers' searches (organizations'
# names in every language, short name and province; people's names), accents and
# case ignored (core/search.py), built without locking the tables against
# writes. GIN on PostgreSQL; a plain stand-in elsewhere (core.indexes).

from django.db import migrations

from core.indexes import search_index
from core.migration_operations import AddIndexConcurrentlyOnPostgres

ORGANIZATION_FIELDS = ("short_name", "name", "name_ar", "name_en", "province")
PERSON_FIELDS = ("first_name", "last_name")


def analyze(apps, schema_editor):
    # Statistics on the new index expressions, so the planner uses them.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ANALYZE partners_organization")
        schema_editor.execute("ANALYZE partners_person")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("partners", "0012_names_in_three_languages")]

    operations = [
        *(
            AddIndexConcurrentlyOnPostgres(
                model_name="organization", index=search_index("organization", field)
            )
            for field in ORGANIZATION_FIELDS
        ),
        *(
            AddIndexConcurrentlyOnPostgres(model_name="person", index=search_index("person", field))
            for field in PERSON_FIELDS
        ),
        migrations.RunPython(analyze, migrations.RunPython.noop),
    ]
