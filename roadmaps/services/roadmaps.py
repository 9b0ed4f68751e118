"""Every write to roadmaps and their milestones."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core.history import record_author
from core.locking import claim_version, save_validated
from core.typing import Actor
from meetings.models import Meeting, Outcome
from partners.models import Person

from ..models import Milestone, Roadmap
from .actions import action_done_announce, check_answerable

REASON_MAX_LENGTH = 100  # what django-simple-history keeps of a change's reason
ROADMAP_FIELDS = ("market", "title", "starts_on", "ends_on", "owner", "objectives", "status")


def roadmap_keep_baselines(roadmap: Roadmap) -> int:
    """The plan of an active roadmap: each milestone's due date when the roadmap
    became active is its baseline, kept for good (slippage is measured from it).
    A milestone that already has one keeps it."""
    if roadmap.status != Roadmap.Status.ACTIVE:
        return 0
    return roadmap.milestones.filter(baseline_due_date__isnull=True).update(
        baseline_due_date=F("due_date")
    )


def milestone_keep_baseline(milestone: Milestone) -> None:
    """A milestone added to an active roadmap: its first due date is its baseline."""
    if milestone.baseline_due_date is None and milestone.roadmap.status == Roadmap.Status.ACTIVE:
        milestone.baseline_due_date = milestone.due_date


@transaction.atomic
def roadmap_create(*, fields: dict) -> Roadmap:
    return save_validated(
        Roadmap(**{name: fields[name] for name in ROADMAP_FIELDS if name in fields})
    )


@transaction.atomic
def roadmap_update(*, roadmap: Roadmap, version: int, fields: dict) -> Roadmap:
    claim_version(roadmap, version)
    for name in ROADMAP_FIELDS:
        if name in fields:
            setattr(roadmap, name, fields[name])
    saved = save_validated(roadmap)
    roadmap_keep_baselines(saved)
    return saved


def _apply_progress(milestone: Milestone, *, status: str, progress: int) -> None:
    """Done means 100% and a completion date; leaving done clears the date."""
    if status == Milestone.Status.DONE or (
        progress == 100 and status != Milestone.Status.CANCELLED
    ):
        milestone.status = Milestone.Status.DONE
        milestone.progress = 100
        milestone.completed_on = milestone.completed_on or timezone.localdate()
    else:
        milestone.status = status
        milestone.progress = progress
        milestone.completed_on = None
        if status == Milestone.Status.PLANNED and progress > 0:
            milestone.status = Milestone.Status.IN_PROGRESS


@transaction.atomic
def milestone_create(
    *,
    roadmap: Roadmap,
    fields: dict,
    source_meeting: Meeting | None = None,
    source_outcome: Outcome | None = None,
) -> Milestone:
    """source_outcome: the meeting's expectation, commitment or decision it answers."""
    if source_outcome is not None:
        check_answerable(source_outcome, roadmap)
        source_meeting = source_meeting or source_outcome.meeting
    milestone = Milestone(
        roadmap=roadmap, source_meeting=source_meeting, source_outcome=source_outcome
    )
    for name in ("title", "description", "due_date", "owner"):
        if name in fields:
            setattr(milestone, name, fields[name])
    milestone_keep_baseline(milestone)
    _apply_progress(
        milestone,
        status=fields.get("status") or Milestone.Status.PLANNED,
        progress=fields.get("progress") or 0,
    )
    saved = save_validated(milestone)
    action_done_announce(saved, was_done=False)
    return saved


def due_date_change_reason(milestone: Milestone, due_date, reason: str) -> str:
    """A new due date needs its reason, which history keeps beside the change."""
    reason = (reason or "").strip()
    if due_date is not None and milestone.due_date != due_date and not reason:
        raise ValidationError(
            {"due_date_reason": _("Say why the due date changes: the reason is kept in history.")}
        )
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {
                "due_date_reason": _("Keep the reason under %(n)d characters.")
                % {"n": REASON_MAX_LENGTH}
            }
        )
    return reason


@transaction.atomic
def milestone_update(*, milestone: Milestone, version: int, fields: dict) -> Milestone:
    """fields may hold due_date_reason: required when the due date changes."""
    claim_version(milestone, version)
    was_done = milestone.status == Milestone.Status.DONE
    reason = due_date_change_reason(
        milestone, fields.get("due_date"), fields.get("due_date_reason", "")
    )
    if reason:
        milestone._change_reason = reason
    for name in ("title", "description", "due_date", "owner"):
        if name in fields:
            setattr(milestone, name, fields[name])
    _apply_progress(
        milestone,
        status=fields.get("status", milestone.status),
        progress=fields.get("progress", milestone.progress),
    )
    saved = save_validated(milestone)
    action_done_announce(saved, was_done=was_done)
    return saved


@transaction.atomic
def milestone_set_progress(*, milestone: Milestone, progress: int) -> Milestone:
    """The inline progress update: no version check, the latest figure wins."""
    locked = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if locked.status == Milestone.Status.CANCELLED:
        raise ValidationError(_("A cancelled milestone has no progress."))
    was_done = locked.status == Milestone.Status.DONE
    status = locked.status if progress < 100 else Milestone.Status.DONE
    if status == Milestone.Status.DONE and progress < 100:
        status = Milestone.Status.IN_PROGRESS
    _apply_progress(locked, status=status, progress=progress)
    locked.version += 1
    saved = save_validated(locked)
    action_done_announce(saved, was_done=was_done)
    return saved


def _give(items, to: Person, by: Actor | None, field: str) -> int:
    """Give each item to `to` (its `field`), version moved on, change recorded."""
    for item in items:
        setattr(item, field, to)
        item.version += 1
        record_author(by, item)
        item.save(update_fields=[field, "version", "updated_at"])
    return len(items)


@transaction.atomic
def milestones_transfer(milestones: list[Milestone], to: Person, by: Actor | None) -> int:
    """A hand-over: the open milestones go to their new owner."""
    return _give(milestones, to, by, "owner")


@transaction.atomic
def roadmaps_transfer(roadmaps: list[Roadmap], to: Person, by: Actor | None) -> int:
    """A hand-over: the roadmaps go to their new owner (the market's delegate)."""
    return _give(roadmaps, to, by, "owner")
