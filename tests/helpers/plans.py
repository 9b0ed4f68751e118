"""What a query reads, from PostgreSQL's own count: how tests show that a cost does
not grow with the data."""

import json

from django.db import connection, transaction


def rows_read(queryset, table: str) -> int:
    """Rows of `table` the query reads (returned or filtered out), sequential scans
    ruled out so that the small test tables are read the way the planner reads
    large ones."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        sql, params = queryset.query.sql_with_params()
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan

    def read(node):
        own = 0
        if node.get("Relation Name") == table:
            own = node["Actual Rows"] * node["Actual Loops"] + node.get("Rows Removed by Filter", 0)
        return own + sum(read(child) for child in node.get("Plans", []))

    return read(plan[0]["Plan"])


def analyze(*tables: str) -> None:
    """Fresh planner statistics, as autovacuum keeps them on a live database."""
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {table}")
