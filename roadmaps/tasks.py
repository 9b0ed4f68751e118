"""E-mails of the recommendation loop."""

from celery import shared_task
from django.conf import settings
from django.urls import reverse

from partners.mail import send_templated_email

from .models import Recommendation


@shared_task(name="roadmaps.send_recommendation_decision", time_limit=60, soft_time_limit=45)
def send_recommendation_decision(recommendation_id: int) -> bool:
    """Tell the submitter what ONMT decided, in their language, with a link."""
    recommendation = (
        Recommendation.objects.select_related("author", "organization")
        .filter(pk=recommendation_id)
        .first()
    )
    if recommendation is None or recommendation.status not in (
        Recommendation.Status.ACCEPTED,
        Recommendation.Status.DECLINED,
    ):
        return False
    author = recommendation.author
    if not author.email or not author.is_active:
        return False
    url = settings.PORTAL_BASE_URL.rstrip("/") + reverse(
        "roadmaps:recommendation_detail", args=[recommendation.pk]
    )
    send_templated_email(
        template="recommendation",
        context={"recommendation": recommendation, "person": author, "url": url},
        to=author.email,
        language=author.language,
    )
    return True


@shared_task(name="roadmaps.scan_reminders", time_limit=600, soft_time_limit=540)
def scan_reminders(date: str | None = None) -> dict:
    """The daily beat task: claim today's reminders, one digest task per recipient."""
    import datetime

    from . import reminders

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
    retry of this task resumes its own claim (roadmaps/reminders.py)."""
    from . import reminders

    return reminders.deliver_digest(recipient_id, token=self.request.id)
