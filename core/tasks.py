"""The outbox's Celery tasks: send one message now, and the dispatcher (beat)."""

from celery import shared_task


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
