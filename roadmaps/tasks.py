"""E-mails of the recommendation loop."""

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

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
    with translation.override(author.language):
        context = {"recommendation": recommendation, "person": author, "url": url}
        subject = render_to_string("emails/recommendation_subject.txt", context).strip()
        text = render_to_string("emails/recommendation.txt", context)
        html = render_to_string("emails/recommendation.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[author.email],
        headers={"Content-Language": author.language},
    )
    message.attach_alternative(html, "text/html")
    message.send()
    return True
