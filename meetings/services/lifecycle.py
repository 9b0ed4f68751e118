"""A meeting's lifecycle: planned → held → published, or cancelled."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.history import record_author
from core.typing import Actor

from ..models import Meeting, Participant
from .invitations import _notify


def meeting_check_changeable(meeting: Meeting) -> None:
    """A cancelled meeting is closed: no edit, no outcomes. Asked by the screens
    before showing a form, and by every write."""
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("A cancelled meeting cannot be changed."), code="cancelled")


def _transition(meeting: Meeting, *, allowed_from: set, to: str, by: Actor) -> Meeting:
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    record_author(by, locked)
    if locked.status not in allowed_from:
        raise ValidationError(
            _("A meeting that is “%(status)s” cannot become “%(target)s”.")
            % {"status": locked.get_status_display(), "target": Meeting.Status(to).label}
        )
    locked.status = to
    locked.version += 1
    return locked


@transaction.atomic
def meeting_mark_held(*, meeting: Meeting, by: Actor) -> Meeting:
    locked = _transition(
        meeting, allowed_from={Meeting.Status.PLANNED}, to=Meeting.Status.HELD, by=by
    )
    if locked.starts_at > timezone.now():
        raise ValidationError(_("A meeting that has not started yet cannot be marked as held."))
    locked.save(update_fields=["status", "version", "updated_at"])
    return locked


@transaction.atomic
def meeting_publish(*, meeting: Meeting, by: Actor) -> Meeting:
    """Publish the minutes to the participants; attendance must be recorded for everyone."""
    locked = _transition(
        meeting, allowed_from={Meeting.Status.HELD}, to=Meeting.Status.PUBLISHED, by=by
    )
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
def meeting_cancel(*, meeting: Meeting, by: Actor) -> Meeting:
    locked = _transition(
        meeting, allowed_from={Meeting.Status.PLANNED}, to=Meeting.Status.CANCELLED, by=by
    )
    locked.ics_sequence += 1
    locked.save(update_fields=["status", "version", "ics_sequence", "updated_at"])
    people = [participant.person for participant in locked.participants.select_related("person")]
    _notify(locked, "cancellation", people)
    return locked
