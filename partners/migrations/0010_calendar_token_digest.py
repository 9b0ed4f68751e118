# Calendar feed secrets are kept as their SHA-256 (Person.calendar_token_digest):
# existing ones are replaced by their digest, so addresses already given keep working.

import hashlib

from django.db import migrations


def digest_tokens(apps, schema_editor):
    Person = apps.get_model("partners", "Person")
    for person in Person.objects.exclude(calendar_token="").only("pk", "calendar_token"):
        digest = hashlib.sha256(person.calendar_token.encode()).hexdigest()
        Person.objects.filter(pk=person.pk).update(calendar_token=digest)


class Migration(migrations.Migration):
    dependencies = [("partners", "0009_portal_unaccent")]

    # The secrets cannot come back from their digests: going back turns feeds off.
    operations = [
        migrations.RunPython(
            digest_tokens,
            lambda apps, schema_editor: apps.get_model("partners", "Person")
            .objects.exclude(calendar_token="")
            .update(calendar_token=""),
        )
    ]
