"""Every write to meetings goes through here: the lifecycle, edits, outcomes, notices."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from partners.concurrency import claim_version
from partners.models import Market, Organization, Person

from .models import AgendaItem, Meeting, Outcome, Participant

# Fields that, when they change, make the calendar invitation out of date.
SCHEDULE_FIELDS = ("starts_at", "ends_at", "location", "title")
MEETING_FIELDS = ("title", "kind", "starts_at", "ends_at", "location", "organizer", "agenda")


class StaleEditError(ValidationError):
    """Someone saved the meeting after this form was loaded."""

    def __init__(self):
        super().__init__(
            _(
                "Someone else saved this meeting while you were editing it. Nothing was "
                "saved: your text is still below. Open the meeting again in another tab "
                "to see their changes, then apply yours."
            ),
            code="stale",
        )


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


def _claim_version(meeting: Meeting, version: int) -> None:
    claim_version(meeting, version, stale_error=StaleEditError())


def _notify(meeting: Meeting, kind: str, people) -> None:
    """One e-mail task per person with an address, queued once the transaction commits."""
    from .tasks import send_meeting_email

    person_ids = sorted({person.pk for person in people if person.email})
    for person_id in person_ids:
        transaction.on_commit(
            lambda person_id=person_id: send_meeting_email.delay(meeting.pk, person_id, kind)
        )


def _sync_participants(meeting: Meeting, rows: list[ParticipantRow]) -> list[Person]:
    """Make the meeting's participants exactly these; keep attendance of those who stay.
    Returns the people newly invited."""
    existing = {participant.person_id: participant for participant in meeting.participants.all()}
    wanted = {row.person.pk: row for row in rows}
    if len(wanted) != len(rows):
        raise ValidationError(_("A person can be listed only once per meeting."))
    # One by one, so that each removal is kept in the history.
    for leaving in meeting.participants.exclude(person_id__in=wanted):
        leaving.delete()
    added = []
    for person_id, row in wanted.items():
        participant = existing.get(person_id)
        if participant is None:
            Participant.objects.create(
                meeting=meeting, person=row.person, organization=row.organization
            )
            added.append(row.person)
        elif participant.organization_id != (row.organization.pk if row.organization else None):
            participant.organization = row.organization
            participant.save(update_fields=["organization"])
    return added


def _replace_agenda(meeting: Meeting, rows: list[AgendaRow]) -> None:
    """The submitted rows are the agenda; unchanged items are left as they are,
    and every change (bulk ones included) is kept in the history."""
    existing = list(meeting.agenda_items.order_by("order", "pk"))
    wanted = [(index, row.title, row.notes) for index, row in enumerate(rows, start=1)]
    if [(i.order, i.title, i.notes) for i in existing] == wanted:
        return
    for item in existing:
        item.delete()
    bulk_create_with_history(
        [
            AgendaItem(meeting=meeting, order=order, title=title, notes=notes)
            for order, title, notes in wanted
        ],
        AgendaItem,
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
    markets,
    participants: list[ParticipantRow],
    agenda: list[AgendaRow],
    by,
) -> Meeting:
    meeting = Meeting(created_by=by)
    _apply_fields(meeting, fields)
    meeting.save()
    meeting.markets.set(markets)
    invited = _sync_participants(meeting, participants)
    _replace_agenda(meeting, agenda)
    _notify(meeting, "invitation", invited)
    return meeting


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    version: int,
    fields: dict,
    markets,
    participants: list[ParticipantRow],
    agenda: list[AgendaRow],
    by,
) -> Meeting:
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("A cancelled meeting cannot be changed."))
    _claim_version(meeting, version)
    before = {name: getattr(meeting, name) for name in SCHEDULE_FIELDS}
    _apply_fields(meeting, fields)
    rescheduled = any(getattr(meeting, name) != value for name, value in before.items())
    if rescheduled:
        meeting.ics_sequence += 1
    meeting.save()
    meeting.markets.set(markets)
    invited = _sync_participants(meeting, participants)
    _replace_agenda(meeting, agenda)
    if meeting.status == Meeting.Status.PLANNED:
        _notify(meeting, "invitation", invited)
        if rescheduled:
            staying = [p.person for p in meeting.participants.select_related("person")]
            _notify(meeting, "update", [person for person in staying if person not in invited])
    return meeting


@transaction.atomic
def meeting_log_outcomes(
    *,
    meeting: Meeting,
    version: int,
    attendance: dict[int, str],
    minutes: str,
    outcomes: list[OutcomeRow],
    by,
) -> Meeting:
    """Attendance, minutes and outcomes in one write; the rows given are the truth."""
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("A cancelled meeting has no outcomes."))
    _claim_version(meeting, version)
    participants = {participant.pk: participant for participant in meeting.participants.all()}
    for participant_id, value in attendance.items():
        participant = participants.get(participant_id)
        if participant is None:
            raise ValidationError(_("This participant is not part of the meeting."))
        if participant.attendance != value:
            participant.attendance = value
            participant.full_clean()
            participant.save(update_fields=["attendance"])
    meeting.minutes = minutes
    meeting.save(update_fields=["minutes", "updated_at"])

    existing = {outcome.pk: outcome for outcome in meeting.outcomes.all()}
    kept = set()
    for order, row in enumerate(outcomes, start=1):
        outcome = existing.get(row.id) if row.id else None
        if row.id and outcome is None:
            raise ValidationError(_("This outcome belongs to another meeting."))
        outcome = outcome or Outcome(meeting=meeting)
        outcome.kind, outcome.text = row.kind, row.text
        outcome.organization, outcome.market, outcome.order = row.organization, row.market, order
        outcome.full_clean()
        outcome.save()
        kept.add(outcome.pk)
    for removed in meeting.outcomes.exclude(pk__in=kept):
        removed.delete()
    return meeting


def _transition(meeting: Meeting, *, allowed_from: set, to: str) -> Meeting:
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.status not in allowed_from:
        raise ValidationError(
            _("A meeting that is “%(status)s” cannot become “%(target)s”.")
            % {"status": locked.get_status_display(), "target": Meeting.Status(to).label}
        )
    locked.status = to
    locked.version += 1
    return locked


@transaction.atomic
def meeting_mark_held(*, meeting: Meeting, by) -> Meeting:
    locked = _transition(meeting, allowed_from={Meeting.Status.PLANNED}, to=Meeting.Status.HELD)
    if locked.starts_at > timezone.now():
        raise ValidationError(_("A meeting that has not started yet cannot be marked as held."))
    locked.save(update_fields=["status", "version", "updated_at"])
    return locked


@transaction.atomic
def meeting_publish(*, meeting: Meeting, by) -> Meeting:
    """Publish the minutes to the participants; attendance must be recorded for everyone."""
    locked = _transition(meeting, allowed_from={Meeting.Status.HELD}, to=Meeting.Status.PUBLISHED)
    missing = locked.participants.filter(attendance=Participant.Attendance.INVITED)
    if missing.exists():
        names = ", ".join(
            str(participant.person) for participant in missing.select_related("person")
        )
        raise ValidationError(
            _("Record the attendance of every participant before publishing (missing: %(names)s).")
            % {"names": names}
        )
    locked.published_at = timezone.now()
    locked.save(update_fields=["status", "version", "published_at", "updated_at"])
    people = [participant.person for participant in locked.participants.select_related("person")]
    _notify(locked, "minutes", people)
    return locked


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by) -> Meeting:
    locked = _transition(
        meeting, allowed_from={Meeting.Status.PLANNED}, to=Meeting.Status.CANCELLED
    )
    locked.ics_sequence += 1
    locked.save(update_fields=["status", "version", "ics_sequence", "updated_at"])
    people = [participant.person for participant in locked.participants.select_related("person")]
    _notify(locked, "cancellation", people)
    return locked
