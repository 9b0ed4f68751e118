"""The indexes the lists sort on exist, valid, after the (concurrent) migrations."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "definition"),
    [
        ("recommendation_recent", "(updated_at DESC, id DESC)"),
        ("recommendation_status_recent", "(status, updated_at DESC)"),
        (
            "recommendation_title_search",
            "USING gin (upper(portal_unaccent((title)::text)) gin_trgm_ops)",
        ),
        ("recommendation_body_search", "USING gin (upper(portal_unaccent(body)) gin_trgm_ops)"),
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


def test_the_search_function_is_immutable_and_ignores_accents_and_case():
    with connection.cursor() as cursor:
        cursor.execute("SELECT provolatile FROM pg_proc WHERE proname = 'portal_unaccent'")
        assert cursor.fetchone() == ("i",)  # immutable: indexable
        cursor.execute("SELECT upper(portal_unaccent('Fès-Meknès Œuvre'))")
        assert cursor.fetchone() == ("FES-MEKNES OEUVRE",)
