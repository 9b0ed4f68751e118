"""Index types shared by the apps."""

from django.contrib.postgres.fields import DateTimeRangeField, RangeBoundary
from django.contrib.postgres.indexes import GinIndex, GistIndex
from django.db.backends.ddl_references import Statement
from django.db.models import F, Func, Index


class StandsInElsewhere:
    """An index over an expression on PostgreSQL (GIN, GiST, …).

    Elsewhere — the embedded SQLite of `make run` — those do not exist, so the
    index stands in as a plain index, under the same name, on the columns the
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


class SearchIndex(StandsInElsewhere, GinIndex):
    """A GIN index over a search expression (trigram operator class)."""


class SpanIndex(StandsInElsewhere, GistIndex):
    """A GiST index over a time span (`span`): which rows hold a given instant."""


def search_index(prefix: str, field: str) -> SearchIndex:
    """The trigram index an accent- and case-insensitive search of `field` uses
    (`field__indexed_unaccent__icontains`, core/search.py), named {prefix}_{field}_search."""
    from django.contrib.postgres.indexes import OpClass
    from django.db.models.functions import Upper

    return SearchIndex(
        OpClass(Upper(Func(F(field), function="portal_unaccent")), "gin_trgm_ops"),
        name=f"{prefix}_{field}_search",
    )


def span(start: str, end: str) -> Func:
    """[start, end], both ends included, as a PostgreSQL range: `span(…)__contains=instant`
    is answered by the `span_index` over the same two fields."""
    return Func(
        F(start),
        F(end),
        RangeBoundary(inclusive_lower=True, inclusive_upper=True),
        function="TSTZRANGE",
        output_field=DateTimeRangeField(),
    )


def span_index(prefix: str, start: str, end: str) -> SpanIndex:
    """The GiST index of `span(start, end)`, named {prefix}_span."""
    return SpanIndex(span(start, end), name=f"{prefix}_span")
