"""Invitations: the notices participants receive, and invitations handed over."""

from collections.abc import Iterable

from django.db import transaction

from core import outbox
from core.history import record_author
from core.typing import Actor
from partners.models import Person

from ..models import Meeting, Participant


def _notify(
    meeting: Meeting, kind: str, people: Iterable[Person], *, answers_reset: bool = False
) -> None:
    """One notice per person with an address, written to the outbox in the
    caller's transaction (core/outbox.py): sent once it commits, never lost.
    answers_reset: the notice says the invitee's answer is asked again."""
    from ..notices import KIND

    for person in {person.pk: person for person in people}.values():
        if person.contact_email:
            outbox.enqueue(
                kind=KIND,
                context={
                    "meeting": meeting.pk,
                    "person": person.pk,
                    "notice": kind,
                    "answers_reset": answers_reset,
                },
                # One notice of a kind per version of the meeting: a rerun adds nothing.
                key=f"meeting:{meeting.pk}:v{meeting.version}:{kind}:{person.pk}",
                recipient=person.contact_email,
                language=person.language,
            )


@transaction.atomic
def invitations_transfer(participants: Iterable[Participant], to: Person, by: Actor | None) -> int:
    """Give invitations to someone else (a hand-over): they take the seat and are
    invited; where they are invited already, the outgoing seat is withdrawn."""
    moved = 0
    for participant in participants:
        meeting = participant.meeting
        record_author(by, participant)
        if meeting.participants.filter(person=to).exists():
            participant.delete()
            continue
        participant.person = to
        participant.attendance = Participant.Attendance.INVITED
        participant.response = Participant.Response.PENDING
        participant.responded_at = None
        participant.save(update_fields=["person", "attendance", "response", "responded_at"])
        _notify(meeting, "invitation", [to])
        moved += 1
    return moved
