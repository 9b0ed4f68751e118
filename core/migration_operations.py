"""Migration operations shared by the apps."""

from django.contrib.postgres.indexes import PostgresIndex
from django.contrib.postgres.operations import AddIndexConcurrently
from django.db.migrations.operations import AddIndex


class AddIndexConcurrentlyOnPostgres(AddIndexConcurrently):
    """CREATE INDEX CONCURRENTLY on PostgreSQL — the table stays writable while a
    large index builds —, a plain CREATE INDEX elsewhere (SQLite for `make run`),
    where PostgreSQL-only indexes (GIN, …) are left out unless they bring a
    stand-in of their own (`portable`, as core.indexes.SearchIndex does).

    The migration holding it must say `atomic = False`.
    """

    def _elsewhere(self, schema_editor) -> bool:
        """True when not on PostgreSQL; then the index is built here only if it can be."""
        return schema_editor.connection.vendor != "postgresql"

    def _builds_elsewhere(self) -> bool:
        return getattr(self.index, "portable", False) or not isinstance(self.index, PostgresIndex)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if not self._elsewhere(schema_editor):
            super().database_forwards(app_label, schema_editor, from_state, to_state)
        elif self._builds_elsewhere():
            AddIndex.database_forwards(self, app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if not self._elsewhere(schema_editor):
            super().database_backwards(app_label, schema_editor, from_state, to_state)
        elif self._builds_elsewhere():
            AddIndex.database_backwards(self, app_label, schema_editor, from_state, to_state)
