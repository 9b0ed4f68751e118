"""Index types shared by the apps."""

from django.contrib.postgres.indexes import GinIndex
from django.db.backends.ddl_references import Statement
from django.db.models import F, Index


class SearchIndex(GinIndex):
    """A GIN index over a search expression (trigram operator class) on PostgreSQL.

    Elsewhere — the embedded SQLite of `make run` — GIN does not exist, so the
    index stands in as a plain index, under the same name, on the column the
    expression reads. SQLite rebuilds a whole table whenever a migration alters
    one of its columns, with every index the model declares; without the
    stand-in that rebuild would fail on PostgreSQL-only syntax.
    """

    portable = True  # core.migration_operations builds it on every database

    def _stand_in(self):
        columns = [node.name for node in self.expressions[0].flatten() if isinstance(node, F)]
        return Index(fields=columns, name=self.name)

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor == "postgresql":
            return super().create_sql(model, schema_editor, using=using, **kwargs)
        return self._stand_in().create_sql(model, schema_editor, **kwargs)

    def remove_sql(self, model, schema_editor, **kwargs):
        if schema_editor.connection.vendor == "postgresql":
            return super().remove_sql(model, schema_editor, **kwargs)
        # A database migrated before the stand-in existed has no index to drop.
        return Statement("DROP INDEX IF EXISTS %(name)s", name=schema_editor.quote_name(self.name))


def search_index(prefix: str, field: str) -> SearchIndex:
    """The trigram index an accent- and case-insensitive search of `field` uses
    (`field__indexed_unaccent__icontains`, core/search.py), named {prefix}_{field}_search."""
    from django.contrib.postgres.indexes import OpClass
    from django.db.models import Func
    from django.db.models.functions import Upper

    return SearchIndex(
        OpClass(Upper(Func(F(field), function="portal_unaccent")), "gin_trgm_ops"),
        name=f"{prefix}_{field}_search",
    )
