"""The reminders' Celery tasks: the daily scan (beat) and one digest per recipient."""

from celery import shared_task
from django.conf import settings


@shared_task(
    name="roadmaps.scan_reminders",
    time_limit=settings.REMINDER_SCAN_TIME_LIMIT,
    soft_time_limit=settings.REMINDER_SCAN_TIME_LIMIT - 60,
)
def scan_reminders(date: str | None = None) -> dict:
    """The daily beat task: claim today's reminders, one digest task per recipient."""
    import datetime

    from .services import reminders

    today = datetime.date.fromisoformat(date) if date else reminders.casablanca_today()
    result = reminders.scan(
        today, dispatch=lambda recipient_id: send_reminder_digest.delay(recipient_id)
    )
    return {
        "planned": result.planned,
        "claimed": result.claimed,
        "recipients": len(result.recipients),
    }


@shared_task(bind=True, name="roadmaps.send_reminder_digest", time_limit=120, soft_time_limit=100)
def send_reminder_digest(self, recipient_id: int) -> int:
    """One recipient's digest. The task id is the claim token: a redelivery or a
    retry of this task resumes its own claim (roadmaps/services/reminders.py)."""
    from .services import reminders

    return reminders.deliver_digest(recipient_id, token=self.request.id)
