from django.db import migrations

from partners.regions import load_regions


def forwards(apps, schema_editor):
    load_regions(apps.get_model("partners", "Region"))


class Migration(migrations.Migration):
    dependencies = [("partners", "0002_directory")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
