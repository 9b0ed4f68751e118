"""After the meeting: attendance, minutes and outcomes, in one write."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from core.history import record_author
from core.locking import claim_version
from core.typing import Actor

from ..models import Meeting, Outcome
from .lifecycle import meeting_check_changeable
from .planning import OutcomeRow


@transaction.atomic
def meeting_log_outcomes(
    *,
    meeting: Meeting,
    version: int,
    attendance: dict[int, str],
    minutes: str,
    outcomes: list[OutcomeRow],
    by: Actor,
) -> Meeting:
    """Attendance, minutes and outcomes in one write; the rows given are the truth."""
    meeting_check_changeable(meeting)
    claim_version(meeting, version)
    participants = {participant.pk: participant for participant in meeting.participants.all()}
    for participant_id, value in attendance.items():
        participant = participants.get(participant_id)
        if participant is None:
            raise ValidationError(_("This participant is not part of the meeting."))
        if participant.attendance != value:
            participant.attendance = value
            participant.full_clean()
            record_author(by, participant)
            participant.save(update_fields=["attendance"])
    meeting.minutes = minutes
    record_author(by, meeting)
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
        record_author(by, outcome)
        outcome.save()
        kept.add(outcome.pk)
    for removed in meeting.outcomes.exclude(pk__in=kept):
        record_author(by, removed)
        try:
            with transaction.atomic():
                removed.delete()
        except ProtectedError:
            raise ValidationError(
                _("“%(text)s” is answered by a milestone: it cannot be removed.")
                % {"text": Truncator(removed.text).chars(60)}
            ) from None
    return meeting


@transaction.atomic
def outcome_close(*, outcome: Outcome, answer: str, by: Actor) -> Outcome:
    """ONMT closes an expectation, commitment or decision with a written answer
    instead of an action ("not retained, because …")."""
    locked = Outcome.objects.select_for_update().get(pk=outcome.pk)
    meeting_check_changeable(locked.meeting)
    answer = (answer or "").strip()
    if locked.kind not in Outcome.ACTIONABLE:
        raise ValidationError(_("Only expectations, commitments and decisions are followed up."))
    if not answer:
        raise ValidationError({"answer": _("Write the answer that closes it.")})
    locked.answer, locked.closed_at, locked.closed_by = answer, timezone.now(), by
    record_author(by, locked)
    locked.save(update_fields=["answer", "closed_at", "closed_by"])
    return locked


@transaction.atomic
def outcome_reopen(*, outcome: Outcome, by: Actor) -> Outcome:
    locked = Outcome.objects.select_for_update().get(pk=outcome.pk)
    meeting_check_changeable(locked.meeting)
    locked.answer, locked.closed_at, locked.closed_by = "", None, None
    record_author(by, locked)
    locked.save(update_fields=["answer", "closed_at", "closed_by"])
    return locked
