"""Planning a meeting: its fields, participants and agenda; notices of changes."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from core.history import record_author
from core.locking import claim_version
from core.typing import Actor
from partners.models import Market, Organization, Person

from ..models import AgendaItem, Meeting, Participant
from .invitations import _notify
from .lifecycle import meeting_check_changeable
from .responses import responses_reset

# Fields that, when they change, make the calendar invitation out of date.
SCHEDULE_FIELDS = ("starts_at", "ends_at", "location", "title")
MEETING_FIELDS = ("title", "kind", "starts_at", "ends_at", "location", "organizer", "agenda")


@dataclass(frozen=True)
class ParticipantRow:
    person: Person
    organization: Organization | None


@dataclass(frozen=True)
class AgendaRow:
    title: str
    notes: str = ""


@dataclass(frozen=True)
class OutcomeRow:
    kind: str
    text: str
    organization: Organization | None = None
    market: Market | None = None
    id: int | None = None


def _sync_participants(meeting: Meeting, rows: list[ParticipantRow], by: Actor) -> list[Person]:
    """Make the meeting's participants exactly these; keep attendance of those who stay.
    Returns the people newly invited."""
    existing = {participant.person_id: participant for participant in meeting.participants.all()}
    wanted = {row.person.pk: row for row in rows}
    if len(wanted) != len(rows):
        raise ValidationError(_("A person can be listed only once per meeting."))
    # One by one, so that each removal is kept in the history.
    for leaving in meeting.participants.exclude(person_id__in=wanted):
        record_author(by, leaving)
        leaving.delete()
    added = []
    for person_id, row in wanted.items():
        participant = existing.get(person_id)
        if participant is None:
            participant = Participant(
                meeting=meeting, person=row.person, organization=row.organization
            )
            record_author(by, participant)
            participant.save()
            added.append(row.person)
        elif participant.organization_id != (row.organization.pk if row.organization else None):
            participant.organization = row.organization
            record_author(by, participant)
            participant.save(update_fields=["organization"])
    return added


def _replace_agenda(meeting: Meeting, rows: list[AgendaRow], by: Actor) -> None:
    """The submitted rows are the agenda; unchanged items are left as they are,
    and every change (bulk ones included) is kept in the history."""
    existing = list(meeting.agenda_items.order_by("order", "pk"))
    wanted = [(index, row.title, row.notes) for index, row in enumerate(rows, start=1)]
    if [(i.order, i.title, i.notes) for i in existing] == wanted:
        return
    for item in existing:
        record_author(by, item)
        item.delete()
    bulk_create_with_history(
        [
            AgendaItem(meeting=meeting, order=order, title=title, notes=notes)
            for order, title, notes in wanted
        ],
        AgendaItem,
        default_user=by,
    )


def _apply_fields(meeting: Meeting, fields: dict) -> None:
    for name in MEETING_FIELDS:
        if name in fields:
            setattr(meeting, name, fields[name])
    meeting.full_clean(exclude=["created_by"])


@transaction.atomic
def meeting_create(
    *,
    fields: dict,
    markets: Iterable[Market],
    participants: list[ParticipantRow],
    agenda: list[AgendaRow],
    by: Actor,
) -> Meeting:
    meeting = Meeting(created_by=by)
    _apply_fields(meeting, fields)
    record_author(by, meeting)
    meeting.save()
    meeting.markets.set(markets)
    invited = _sync_participants(meeting, participants, by)
    _replace_agenda(meeting, agenda, by)
    _notify(meeting, "invitation", invited)
    return meeting


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    version: int,
    fields: dict,
    markets: Iterable[Market],
    participants: list[ParticipantRow],
    agenda: list[AgendaRow],
    by: Actor,
) -> Meeting:
    meeting_check_changeable(meeting)
    claim_version(meeting, version)
    before = {name: getattr(meeting, name) for name in SCHEDULE_FIELDS}
    _apply_fields(meeting, fields)
    rescheduled = any(getattr(meeting, name) != value for name, value in before.items())
    moved = any(getattr(meeting, name) != before[name] for name in ("starts_at", "ends_at"))
    if rescheduled:
        meeting.ics_sequence += 1
    record_author(by, meeting)
    meeting.save()
    meeting.markets.set(markets)
    invited = _sync_participants(meeting, participants, by)
    _replace_agenda(meeting, agenda, by)
    if meeting.status == Meeting.Status.PLANNED:
        # A new date asks every answer again (the update notice says so).
        answers_reset = moved and bool(responses_reset(meeting, by))
        _notify(meeting, "invitation", invited)
        if rescheduled:
            staying = [p.person for p in meeting.participants.select_related("person")]
            _notify(
                meeting,
                "update",
                [person for person in staying if person not in invited],
                answers_reset=answers_reset,
            )
    return meeting
