"""Who may read what the kernel keeps: prepared exports (core/prepared_exports.py)."""

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from .models import PreparedExport
from .prepared_exports import KEEP_DAYS, State, allowed


def exports_of(user) -> QuerySet[PreparedExport]:
    """The user's exports still kept, whatever their state (the inbox lists them)."""
    if not user.is_authenticated:
        return PreparedExport.objects.none()
    since = timezone.now() - datetime.timedelta(days=KEEP_DAYS)
    return PreparedExport.objects.filter(owner=user, created_at__gte=since)


def downloadable(user, export: PreparedExport) -> bool:
    """Its owner, while the kind's rule still lets them export it."""
    return export.owner_id == user.pk and export.state == State.READY and allowed(export, user)
