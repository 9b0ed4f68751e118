"""Notices about meetings — invitations (.ics attached), updates, cancellations,
minutes — as the outbox builds them when it sends (core/outbox.py)."""

import logging

from django.core.mail import EmailMessage

from core.links import portal_url
from core.mail import render_templated_email
from partners.models import Person

from .calendar import meeting_ics
from .models import Meeting
from .rsvp_links import rsvp_token
from .services.responses import answers_open

logger = logging.getLogger(__name__)

KIND = "meetings.notice"
NOTICES = {"invitation", "update", "cancellation", "minutes"}


def build_meeting_notice(context: dict) -> list[EmailMessage]:
    """One person's notice about one meeting, in their language.

    Re-reads the meeting: a notice that no longer applies (an invitation to a
    meeting cancelled since) is skipped rather than sent.
    """
    notice = context["notice"]
    if notice not in NOTICES:
        raise ValueError(notice)
    meeting = Meeting.objects.select_related("organizer").filter(pk=context["meeting"]).first()
    person = (
        Person.objects.filter(pk=context["person"], is_active=True).select_related("user").first()
    )
    if meeting is None or person is None or not person.contact_email:
        return []
    cancelled = meeting.status == Meeting.Status.CANCELLED
    if (notice == "cancellation") != cancelled:
        logger.info("meeting %s: %s notice no longer applies", meeting.pk, notice)
        return []
    attachments = []
    if notice != "minutes":
        method = "CANCEL" if cancelled else "REQUEST"
        attachments.append(
            (
                "invitation.ics",
                meeting_ics(meeting, method=method),
                f"text/calendar; method={method}",
            )
        )
    answer_url = None
    participant = meeting.participants.filter(person=person).first()
    if notice in ("invitation", "update") and participant and answers_open(meeting):
        # One click from the e-mail to the answer, no log-in: a link signed for
        # this participant, valid until the meeting starts (rsvp_links.py).
        answer_url = portal_url(
            "meetings:rsvp_link", meeting.pk, participant.pk, rsvp_token(participant)
        )
    return [
        render_templated_email(
            template="meeting",
            context={
                "meeting": meeting,
                "person": person,
                "kind": notice,
                "url": portal_url("meetings:detail", meeting.pk),
                "answer_url": answer_url,
                "answers_reset": context.get("answers_reset", False),
            },
            to=person.contact_email,
            language=person.language,
            attachments=attachments,
        )
    ]
