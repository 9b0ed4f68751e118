"""The History panel: who changed what and when, field by field (django-simple-history),
and how services name a change's author.

Shown to ONMT staff on the pages of organizations, people, meetings,
recommendations, roadmaps and milestones. Fields that only the portal itself
moves (versions, timestamps, calendar identifiers) are left out of the diffs.

The pages read most (a meeting, a recommendation, a roadmap) load their panel
when it is opened (history_answer): its queries and diffs grow with the
record's changes, and few visits open it.
"""

import datetime
import html
from collections import defaultdict
from typing import NamedTuple

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.shortcuts import render
from django.template.defaultfilters import yesno
from django.utils import formats, timezone
from django.utils.html import strip_tags
from django.utils.text import capfirst

from .choices import labels
from .markup import render_markdown

IGNORED = {"updated_at", "created_at", "version", "ics_sequence", "uid", "history_id"}


class Change(NamedTuple):
    field: str
    old: object
    new: object


def _field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _shown(field, value, related: dict) -> str:
    """A stored value as the pages show it: a choice's label, yes/no, a related
    record's name, a date in the reader's format, a text without its Markdown."""
    if value is None or value == "":
        return ""
    if field is None:
        return str(value)
    if field.choices:
        return str(labels(field.model, field.name).get(value, value))
    if isinstance(field, models.BooleanField):
        return yesno(value)
    if field.many_to_one or field.one_to_one:
        record = related.get((field.related_model, value), value)
        # An account by its person's name, as the panel names who acted.
        return (hasattr(record, "get_full_name") and record.get_full_name()) or str(record)
    if isinstance(field, models.TextField):
        # Plain text: the panel's template escapes it once, as it does any value.
        return " ".join(html.unescape(strip_tags(render_markdown(value))).split())
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return str(formats.localize(value, use_l10n=True))


def _changes(record, older) -> list[Change]:
    """What changed from older to record, field by field. simple-history diffs
    the editable fields only; a status, a decision's author and date are set by
    the services (editable=False) and compared here."""
    changes = [
        Change(change.field, change.old, change.new)
        for change in record.diff_against(older, excluded_fields=IGNORED).changes
    ]
    for field in record.tracked_fields:
        if field.editable or field.name in IGNORED:
            continue
        old, new = getattr(older, field.attname), getattr(record, field.attname)
        if old != new:
            changes.append(Change(field.name, old, new))
    return changes


def _related_names(model, deltas) -> dict:
    """The records that changed foreign keys point to, one query per model."""
    wanted = defaultdict(set)
    for delta in deltas:
        for change in delta:
            field = _field(model, change.field)
            if field is not None and (field.many_to_one or field.one_to_one):
                wanted[field.related_model].update(v for v in (change.old, change.new) if v)
    return {
        (related, pk): record
        for related, pks in wanted.items()
        for pk, record in related._base_manager.in_bulk(pks).items()
    }


def history_entries(obj, *, limit: int = 30) -> list[dict]:
    """The latest changes of obj, newest first. Two queries whatever the length
    (plus one per kind of record a changed link points to).

    A save that changed nothing a person reads (a version bump, a timestamp)
    is left out rather than shown as a bare « Modifié »."""
    model = type(obj)
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    deltas = {}
    for index, record in enumerate(records[:limit]):
        older = records[index + 1] if index + 1 < len(records) else None
        if older is not None and record.history_type == "~":
            deltas[index] = _changes(record, older)
    related = _related_names(model, deltas.values())
    entries = []
    for index, record in enumerate(records[:limit]):
        changes = []
        for change in deltas.get(index, ()):
            field = _field(model, change.field)
            changes.append(
                {
                    "field": capfirst(field.verbose_name) if field is not None else change.field,
                    "old": _shown(field, change.old, related),
                    "new": _shown(field, change.new, related),
                }
            )
        reason = record.history_change_reason or ""
        if record.history_type == "~" and index in deltas and not changes and not reason:
            continue
        entries.append(
            {
                "date": record.history_date,
                "user": record.history_user,
                "type": record.get_history_type_display(),
                "changes": changes,
                "reason": reason,
            }
        )
    return entries


def history_answer(request, obj, *, back_url: str):
    """A record's History panel, opened on its page (htmx: the entries alone), or
    as a page of its own without JavaScript. The caller has checked the rights."""
    context = {"history": history_entries(obj), "record": obj, "back_url": back_url}
    if request.htmx:
        return render(request, "includes/history_entries.html", context)
    return render(request, "history_page.html", context)


def record_author(by, *instances: models.Model) -> None:
    """Name `by` as the author of the next saved change of each instance.

    In a request, django-simple-history's middleware already records the user;
    services say it themselves so that a change made by a task, a command or the
    shell on someone's behalf is attributed to them too.
    """
    if by is None:
        return
    for instance in instances:
        instance._history_user = by
