"""The History panel: who changed what and when, field by field (django-simple-history).

Shown to ONMT staff on the pages of organizations, people, meetings,
recommendations, roadmaps and milestones. Fields that only the portal itself
moves (versions, timestamps, calendar identifiers) are left out of the diffs.
"""

from django.core.exceptions import FieldDoesNotExist

IGNORED = {"updated_at", "created_at", "version", "ics_sequence", "uid", "history_id"}


def _label(model, name):
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def history_entries(obj, *, limit: int = 30) -> list[dict]:
    """The latest changes of obj, newest first. Two queries whatever the length."""
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    entries = []
    for index, record in enumerate(records[:limit]):
        older = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if older is not None and record.history_type == "~":
            delta = record.diff_against(older, excluded_fields=IGNORED)
            changes = [
                {"field": _label(type(obj), change.field), "old": change.old, "new": change.new}
                for change in delta.changes
            ]
        entries.append(
            {
                "date": record.history_date,
                "user": record.history_user,
                "type": record.get_history_type_display(),
                "changes": changes,
            }
        )
    return entries
