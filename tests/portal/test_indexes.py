"""The indexes the lists sort on exist, valid, after the (concurrent) migrations."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "definition"),
    [
        ("recommendation_recent", "(updated_at DESC, id DESC)"),
        ("recommendation_status_recent", "(status, updated_at DESC)"),
    ],
)
def test_list_indexes_are_built_and_valid(name, definition):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_get_indexdef(i.indexrelid), i.indisvalid FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = %s",
            [name],
        )
        row = cursor.fetchone()
    assert row is not None, f"{name} is missing"
    indexdef, valid = row
    assert indexdef.endswith(definition), indexdef
    assert valid
