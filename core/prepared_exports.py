"""Exports too large for one request, built by a worker.

A list the viewer exports as XLSX above settings.EXPORT_BACKGROUND_ROWS rows is
not written while they wait: the view records a PreparedExport (who, what kind,
the page's filters, the language) and a Celery task builds the file into
private storage. The owner finds it in their inbox and gets an e-mail (through
the outbox); the download view serves it to them alone, for KEEP_DAYS days.

- The rows are read again by the task, with the owner's rights as they are then
  (the kind's builder uses the same permission querysets as the page).
- Downloading checks the kind's rule again: someone whose mandate ended since
  cannot fetch a file built before.
- Nothing is lost when the broker is down or a worker dies: the beat sweep
  queues what is pending or was claimed too long ago, and deletes files past
  their date.
"""

import datetime
import logging
import tempfile
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone, translation

from . import outbox
from .exports import write_xlsx
from .models import PreparedExport
from .numbers import count_text
from .pagination import bounded_count

logger = logging.getLogger(__name__)
State = PreparedExport.State
KEEP_DAYS = 7
READY_NOTICE = "core.export_ready"
# A claim older than the task's time limit is a worker that died mid-build.
BUILD_LEASE = datetime.timedelta(seconds=settings.EXPORT_TIME_LIMIT + 60)
# The sweep queues again what has waited this long unclaimed.
WAITED = datetime.timedelta(minutes=1)
MAX_ATTEMPTS = 3


@dataclass(frozen=True)
class Kind:
    """build(owner, params) -> the sheets (title -> rows, header first), read
    lazily; allowed(user, params) -> whether this user may export this at all."""

    build: Callable[..., dict[str, Iterable[list]]]
    allowed: Callable[..., bool]


_kinds: dict[str, Kind] = {}


def register(name: str, *, build, allowed) -> None:
    _kinds[name] = Kind(build=build, allowed=allowed)


def allowed(export: PreparedExport, user) -> bool:
    kind = _kinds.get(export.kind)
    return kind is not None and kind.allowed(user, export.params)


def over_cap(queryset: QuerySet) -> bool:
    """Whether the export is too large for one request. Counts at most one row
    past the cap: the cost does not grow with the table."""
    cap = settings.EXPORT_BACKGROUND_ROWS
    return bounded_count(queryset, cap) > cap


def prepare(*, owner, kind: str, params: dict, filename: str) -> PreparedExport:
    """Record the export and hand it to a worker after the commit."""
    if kind not in _kinds:
        raise LookupError(f"no export kind registered for {kind!r}")
    export = PreparedExport.objects.create(
        owner=owner,
        kind=kind,
        params=params,
        filename=filename,
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    transaction.on_commit(lambda: queue(export.pk))
    return export


def queue(export_id: int) -> bool:
    from .tasks import build_prepared_export

    try:
        build_prepared_export.delay(export_id)
    except Exception:  # kombu/redis raise many kinds; the sweep queues it later
        logger.warning("export %s waits for the sweep (broker unreachable)", export_id,
                       exc_info=True)  # fmt: skip
        return False
    return True


def _claimable(now) -> Q:
    return Q(state=State.PENDING) | Q(state=State.BUILDING, claimed_at__lt=now - BUILD_LEASE)


def build(export_id: int) -> str:
    """Claim the export (one conditional UPDATE), build its file, mark it ready and
    write the e-mail to the outbox. Returns its state afterwards, or "taken"."""
    now = timezone.now()
    claimed = PreparedExport.objects.filter(_claimable(now), pk=export_id).update(
        state=State.BUILDING, claimed_at=now
    )
    if not claimed:
        return "taken"
    export = PreparedExport.objects.select_related("owner").get(pk=export_id)
    try:
        if not export.owner.is_active or not allowed(export, export.owner):
            raise PermissionError("the owner may no longer export this")
        kind = _kinds[export.kind]
        with translation.override(export.language), tempfile.TemporaryFile() as spool:
            rows = write_xlsx(kind.build(export.owner, export.params), spool)
            spool.seek(0)
            export.file.save(f"{uuid.uuid4().hex}.xlsx", File(spool), save=False)
    except Exception as exc:
        attempts = export.attempts + 1
        failed = isinstance(exc, PermissionError) or attempts >= MAX_ATTEMPTS
        PreparedExport.objects.filter(pk=export_id).update(
            state=State.FAILED if failed else State.PENDING, attempts=attempts
        )
        logger.warning("export %s failed (attempt %s): %s", export_id, attempts, exc)
        return State.FAILED if failed else State.PENDING
    with transaction.atomic():
        PreparedExport.objects.filter(pk=export_id).update(
            state=State.READY,
            file=export.file.name,
            rows=rows,
            finished_at=timezone.now(),
            attempts=export.attempts + 1,
        )
        if export.owner.email:
            outbox.enqueue(
                kind=READY_NOTICE,
                context={"export": export_id},
                key=f"export-ready:{export_id}",
                recipient=export.owner.email,
                language=export.language,
            )
    return State.READY


def sweep() -> dict:
    """Beat: queue what waits (broker down, worker died); delete what expired."""
    now = timezone.now()
    waiting = list(
        PreparedExport.objects.filter(_claimable(now), created_at__lt=now - WAITED).values_list(
            "pk", flat=True
        )[:100]
    )
    for export_id in waiting:
        queue(export_id)
    expired = PreparedExport.objects.filter(created_at__lt=now - datetime.timedelta(days=KEEP_DAYS))
    deleted = 0
    for export in expired.iterator():
        if export.file:
            export.file.delete(save=False)
        export.delete()
        deleted += 1
    return {"queued": len(waiting), "deleted": deleted}


def build_ready_notice(context: dict) -> list:
    """The outbox's e-mail: the export is ready, with its link (none if it is gone)."""
    from .links import portal_url
    from .mail import render_templated_email

    export = (
        PreparedExport.objects.select_related("owner")
        .filter(pk=context["export"], state=State.READY)
        .first()
    )
    if export is None or not export.owner.is_active or not export.owner.email:
        return []
    return [
        render_templated_email(
            template="export_ready",
            context={
                "export": export,
                "until": export.created_at + datetime.timedelta(days=KEEP_DAYS),
                "url": portal_url("export_download", export.pk),
            },
            to=export.owner.email,
            language=export.language,
        )
    ]


def respond_later(request, *, kind: str, params: dict, filename: str):
    """The view's answer to an export too large for one request: record it, say
    where it will be, and go to the inbox."""
    from django.contrib import messages
    from django.shortcuts import redirect
    from django.utils.translation import gettext as _

    prepare(owner=request.user, kind=kind, params=params, filename=filename)
    messages.info(
        request,
        _(
            "This export has more than %(rows)s rows: it is being prepared. It will be "
            "in your inbox in a few minutes, and you will receive an e-mail."
        )
        % {"rows": count_text(settings.EXPORT_BACKGROUND_ROWS)},
    )
    return redirect("inbox")
