"""E-mails about meetings: invitations (.ics attached), updates, cancellations, minutes."""

import logging

from celery import shared_task
from django.urls import reverse

from partners.mail import send_templated_email
from partners.models import Person

from .calendar import meeting_ics, portal_url
from .models import Meeting

logger = logging.getLogger(__name__)

KINDS = {"invitation", "update", "cancellation", "minutes"}


@shared_task(name="meetings.send_meeting_email", time_limit=60, soft_time_limit=45)
def send_meeting_email(meeting_id: int, person_id: int, kind: str) -> bool:
    """Send one person one notice about one meeting, in their language.

    Re-reads the meeting: a notice that no longer applies (an invitation to a
    meeting cancelled since) is dropped rather than sent.
    """
    if kind not in KINDS:
        raise ValueError(kind)
    meeting = Meeting.objects.select_related("organizer").filter(pk=meeting_id).first()
    person = Person.objects.filter(pk=person_id, is_active=True).exclude(email="").first()
    if meeting is None or person is None:
        return False
    cancelled = meeting.status == Meeting.Status.CANCELLED
    if (kind == "cancellation") != cancelled:
        logger.info("meeting %s: %s notice no longer applies", meeting_id, kind)
        return False
    attachments = []
    if kind != "minutes":
        method = "CANCEL" if cancelled else "REQUEST"
        attachments.append(
            (
                "invitation.ics",
                meeting_ics(meeting, method=method),
                f"text/calendar; method={method}",
            )
        )
    send_templated_email(
        template="meeting",
        context={
            "meeting": meeting,
            "person": person,
            "kind": kind,
            "url": portal_url(reverse("meetings:detail", args=[meeting.pk])),
        },
        to=person.email,
        language=person.language,
        attachments=attachments,
    )
    return True
