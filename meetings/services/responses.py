"""Answers to invitations: accept, decline, or send a substitute of the same
organization, who becomes a participant and is invited in turn. Answers close
when the meeting starts; a new date sets every answer back to pending
(planning.py), and the notice says so."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.history import record_author
from core.typing import Actor
from partners.models import Membership, Person

from ..models import Meeting, Participant
from .invitations import _notify

ANSWERS_CLOSED = gettext_lazy(
    "This meeting has started or is no longer planned: answers are closed."
)


def substitutes_for(participant: Participant) -> QuerySet[Person]:
    """Who may go in an invitee's place: people with a current mandate in the
    organization the invitee represents, not already invited to the meeting."""
    if participant.organization_id is None:
        return Person.objects.none()
    return (
        Person.objects.active()
        .filter(
            Exists(
                Membership.objects.current().filter(
                    person=OuterRef("pk"), organization_id=participant.organization_id
                )
            )
        )
        .exclude(participations__meeting_id=participant.meeting_id)
        .order_by("last_name", "first_name")
    )


def answers_open(meeting: Meeting) -> bool:
    return meeting.status == Meeting.Status.PLANNED and meeting.starts_at > timezone.now()


@transaction.atomic
def participant_respond(
    *, participant: Participant, response: str, substitute: Person | None = None, by: Actor
) -> Participant:
    """Record an invitee's answer. `by` is who answered (None: the signed link)."""
    locked = (
        Participant.objects.select_for_update(of=("self",))
        .select_related("meeting", "person", "substitute")
        .get(pk=participant.pk)
    )
    meeting = locked.meeting
    if not answers_open(meeting):
        raise ValidationError(
            _("This meeting has started or is no longer planned: answers are closed.")
        )
    if response not in Participant.Response.values or response == Participant.Response.PENDING:
        raise ValidationError({"response": _("Choose an answer.")})
    if locked.response == Participant.Response.SUBSTITUTED:
        raise ValidationError(
            _("You sent %(name)s in your place: the invitation is theirs to answer now.")
            % {"name": locked.substitute.full_name}
        )
    if response == Participant.Response.SUBSTITUTED:
        if substitute is None:
            raise ValidationError({"substitute": _("Choose who goes in your place.")})
        if not substitutes_for(locked).filter(pk=substitute.pk).exists():
            raise ValidationError(
                {"substitute": _("A substitute holds a current mandate in your organization.")}
            )
        seat = Participant(
            meeting=meeting, person=substitute, organization_id=locked.organization_id
        )
        record_author(by, seat)
        seat.save()
        _notify(meeting, "invitation", [substitute])
        locked.substitute = substitute
    locked.response = response
    locked.responded_at = timezone.now()
    record_author(by, locked)
    locked.save(update_fields=["response", "responded_at", "substitute"])
    return locked


def responses_reset(meeting: Meeting, by: Actor) -> int:
    """The meeting moved: every answer is asked again (the update notice says so)."""
    reset = 0
    for participant in meeting.participants.exclude(response=Participant.Response.PENDING):
        participant.response = Participant.Response.PENDING
        participant.responded_at = None
        participant.substitute = None
        record_author(by, participant)
        participant.save(update_fields=["response", "responded_at", "substitute"])
        reset += 1
    return reset
