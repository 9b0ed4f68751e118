"""The kernel's Celery tasks: the outbox (send one message now, and the dispatcher)
and the prepared exports (build one, and the sweep)."""

from celery import shared_task
from django.conf import settings


@shared_task(bind=True, name="core.deliver_outbox_message", time_limit=120, soft_time_limit=100)
def deliver_outbox_message(self, message_id: int) -> str:
    """One message, claimed with the task's id: a redelivered task resumes its claim."""
    from . import outbox

    return outbox.deliver(message_id, token=self.request.id)


@shared_task(name="core.dispatch_outbox", time_limit=300, soft_time_limit=270)
def dispatch_outbox() -> dict:
    """Beat, every minute: whatever is due (never queued, queue lost, sender died)."""
    from . import outbox

    return outbox.dispatch()


@shared_task(
    name="core.build_prepared_export",
    time_limit=settings.EXPORT_TIME_LIMIT,
    soft_time_limit=settings.EXPORT_TIME_LIMIT - 30,
)
def build_prepared_export(export_id: int) -> str:
    """One large export, built into private storage (core/prepared_exports.py)."""
    from . import prepared_exports

    return prepared_exports.build(export_id)


@shared_task(name="core.sweep_prepared_exports", time_limit=300, soft_time_limit=270)
def sweep_prepared_exports() -> dict:
    """Beat, every minute: exports that wait are queued again, expired ones deleted."""
    from . import prepared_exports

    return prepared_exports.sweep()
