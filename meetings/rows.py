"""Rows added, removed and moved in place, on the server.

A meeting form holds lists of rows (participants, agenda items, outcomes) as
Django formsets. The buttons that add, remove or move a row post the whole
form with `action=<verb>:<prefix>[:<index>]`; the view rewrites the posted
rows with these helpers and renders the form again, unsaved, with everything
typed kept. htmx swaps only the section that changed; without JavaScript the
whole page comes back the same way.
"""

import re

from django.http import QueryDict

ACTION = re.compile(r"^(?P<verb>add|remove|up|down):(?P<prefix>[a-z_]+)(?::(?P<index>\d+))?$")


def read_rows(data: QueryDict, prefix: str, fields: list[str]) -> list[dict]:
    try:
        total = int(data.get(f"{prefix}-TOTAL_FORMS", 0))
    except ValueError:
        total = 0
    total = max(0, min(total, 1000))
    return [
        {field: data.getlist(f"{prefix}-{index}-{field}") for field in fields}
        for index in range(total)
    ]


def write_rows(data: QueryDict, prefix: str, fields: list[str], rows: list[dict]) -> None:
    stale = [
        key for key in data if key.startswith(f"{prefix}-") and key[len(prefix) + 1].isdecimal()
    ]
    for key in stale:
        del data[key]
    for index, row in enumerate(rows):
        for field in fields:
            data.setlist(f"{prefix}-{index}-{field}", row.get(field, []))
    data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
    data[f"{prefix}-INITIAL_FORMS"] = "0"


def apply_action(data: QueryDict, action: str, fields_by_prefix: dict[str, list[str]]) -> bool:
    """Apply a row action to a mutable copy of the posted data. False if not a row action."""
    match = ACTION.match(action or "")
    if not match or match["prefix"] not in fields_by_prefix:
        return False
    prefix, verb = match["prefix"], match["verb"]
    fields = fields_by_prefix[prefix]
    rows = read_rows(data, prefix, fields)
    index = int(match["index"]) if match["index"] is not None else None
    if verb == "add":
        rows.append({})
    elif index is not None and 0 <= index < len(rows):
        if verb == "remove":
            rows.pop(index)
        elif verb == "up" and index > 0:
            rows[index - 1], rows[index] = rows[index], rows[index - 1]
        elif verb == "down" and index < len(rows) - 1:
            rows[index + 1], rows[index] = rows[index], rows[index + 1]
    write_rows(data, prefix, fields, rows)
    return True


def append_row(data: QueryDict, prefix: str, fields: list[str], row: dict) -> None:
    rows = read_rows(data, prefix, fields)
    rows.append(row)
    write_rows(data, prefix, fields, rows)
