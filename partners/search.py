"""Accent-insensitive search on both databases the portal runs on.

PostgreSQL has the `unaccent` extension (django.contrib.postgres registers the
lookup); the embedded SQLite default gets an UNACCENT function of our own, so
"fes" finds "Fès" in `make run` as in production.
"""

import unicodedata

from django.db.backends.signals import connection_created
from django.db.models import CharField, TextField, Transform


def unaccent(value):
    if value is None:
        return None
    decomposed = unicodedata.normalize("NFKD", str(value))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


class SQLiteUnaccent(Transform):
    bilateral = True
    lookup_name = "unaccent"
    function = "UNACCENT"


def _register_sqlite_unaccent(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("UNACCENT", 1, unaccent, deterministic=True)
        CharField.register_lookup(SQLiteUnaccent)
        TextField.register_lookup(SQLiteUnaccent)


def install() -> None:
    connection_created.connect(_register_sqlite_unaccent, dispatch_uid="partners_unaccent")
