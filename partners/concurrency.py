"""Optimistic locking shared by every app whose records carry a `version`."""

from django.db.models import F
from django.utils import timezone


def claim_version(instance, version: int, *, stale_error: Exception) -> None:
    """Bump the version only if nobody saved since the form loaded `version`;
    raise stale_error otherwise. One conditional UPDATE: no race."""
    claimed = (
        type(instance)
        ._default_manager.filter(pk=instance.pk, version=version)
        .update(version=F("version") + 1, updated_at=timezone.now())
    )
    if not claimed:
        raise stale_error
    instance.version = version + 1
