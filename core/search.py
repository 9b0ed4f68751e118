"""Accent-insensitive search on both databases the portal runs on.

- `field__unaccent__icontains=term`: PostgreSQL's `unaccent` extension
  (django.contrib.postgres registers the lookup); on SQLite (`make run`) an
  UNACCENT function of our own, so "fes" finds "Fès" there as in production.
- `field__indexed_unaccent__icontains=term`: the same match through
  portal_unaccent(), an IMMUTABLE wrapper of `unaccent` (partners migration
  0009) that trigram indexes can hold, for the large tables (the
  recommendations' title and body). Without such an index it is slower than
  `unaccent` (a SQL function call per row): use it where an index is.
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


class IndexedUnaccent(Transform):
    bilateral = True
    lookup_name = "indexed_unaccent"
    function = "portal_unaccent"

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="UNACCENT", **extra_context)


def _register_sqlite_unaccent(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("UNACCENT", 1, unaccent, deterministic=True)
        CharField.register_lookup(SQLiteUnaccent)
        TextField.register_lookup(SQLiteUnaccent)


def install() -> None:
    CharField.register_lookup(IndexedUnaccent)
    TextField.register_lookup(IndexedUnaccent)
    connection_created.connect(_register_sqlite_unaccent, dispatch_uid="partners_unaccent")
