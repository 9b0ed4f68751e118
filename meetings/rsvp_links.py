"""The signed link in an invitation: it answers for one participant of one
meeting, without logging in, until the meeting starts — or until its date
changes (a new invitation carries a new link). Signed with SECRET_KEY
(django.core.signing): a link altered in any way is refused."""

from django.core import signing
from django.utils.translation import gettext_lazy as _

from .models import Participant
from .services.responses import ANSWERS_CLOSED, answers_open

SALT = "meetings.rsvp"
NOT_OURS = _("This link is not valid. Use the one in your invitation.")


class LinkRefused(Exception):
    """status: 404 for a link that is not ours, 410 for one that has expired."""

    def __init__(self, message, status):
        super().__init__(message)
        self.message, self.status = message, status


def rsvp_token(participant: Participant) -> str:
    meeting = participant.meeting
    return signing.dumps(
        [participant.pk, meeting.pk, int(meeting.starts_at.timestamp())], salt=SALT, compress=True
    )


def participant_for(meeting_pk: int, participant_pk: int, token: str) -> Participant:
    """The participant the link was made for, or LinkRefused with why."""
    try:
        signed_participant, signed_meeting, signed_start = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        raise LinkRefused(NOT_OURS, 404) from None
    if (signed_participant, signed_meeting) != (participant_pk, meeting_pk):
        raise LinkRefused(NOT_OURS, 404)
    participant = (
        Participant.objects.select_related(
            "meeting", "meeting__organizer", "person", "organization"
        )
        .filter(pk=participant_pk, meeting_id=meeting_pk)
        .first()
    )
    if participant is None:
        raise LinkRefused(_("This invitation has been withdrawn."), 410)
    meeting = participant.meeting
    if not answers_open(meeting):
        raise LinkRefused(ANSWERS_CLOSED, 410)
    if int(meeting.starts_at.timestamp()) != signed_start:
        raise LinkRefused(
            _("This meeting has moved since this invitation: use the link of the latest one."), 410
        )
    return participant
