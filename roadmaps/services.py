"""Every write to recommendations, roadmaps and milestones goes through here."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partners.concurrency import claim_version
from partners.models import Organization, Person

from .models import Milestone, Recommendation, Roadmap

Status = Recommendation.Status


class StaleEditError(ValidationError):
    def __init__(self, what: str):
        super().__init__(
            _(
                "Someone else saved this %(what)s while you were editing it. Nothing was "
                "saved: your text is still below. Open it again in another tab to see "
                "their changes, then apply yours."
            )
            % {"what": what},
            code="stale",
        )


def _claim_version(instance, version: int) -> None:
    what = str(type(instance)._meta.verbose_name)
    claim_version(instance, version, stale_error=StaleEditError(what))


def _save(instance, **kwargs):
    instance.full_clean()
    try:
        with transaction.atomic():
            instance.save(**kwargs)
    except IntegrityError as exc:
        raise ValidationError(
            _("Someone else changed these records at the same time. Check and try again.")
        ) from exc
    return instance


# --- recommendations -------------------------------------------------------------------


def _notify_decision(recommendation: Recommendation) -> None:
    from .tasks import send_recommendation_decision

    if recommendation.author.email:
        transaction.on_commit(lambda: send_recommendation_decision.delay(recommendation.pk))


def _require_status(
    recommendation: Recommendation, *allowed, version: int | None = None
) -> Recommendation:
    """The recommendation, row-locked, in one of the allowed statuses — and, when the
    caller read it at `version`, unchanged since (checked under the lock)."""
    locked = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if version is not None:
        _claim_version(locked, version)
    if locked.status not in allowed:
        raise ValidationError(
            _("This recommendation is “%(status)s”: that step is not possible now.")
            % {"status": locked.get_status_display()},
            code="transition",
        )
    return locked


@transaction.atomic
def recommendation_create(
    *,
    organization: Organization,
    author: Person,
    markets,
    theme: str,
    title: str,
    body: str,
    priority: str,
    meeting=None,
    submit: bool,
) -> Recommendation:
    recommendation = Recommendation(
        organization=organization,
        author=author,
        theme=theme,
        title=title,
        body=body,
        priority=priority,
        meeting=meeting,
    )
    _save(recommendation)
    if not markets:
        raise ValidationError(_("Choose at least one market."))
    recommendation.markets.set(markets)
    if submit:
        recommendation = recommendation_submit(recommendation=recommendation)
    return recommendation


@transaction.atomic
def recommendation_update(
    *,
    recommendation: Recommendation,
    version: int,
    markets,
    theme: str,
    title: str,
    body: str,
    priority: str,
    submit: bool,
) -> Recommendation:
    """The submitter's edit: possible until ONMT starts reviewing."""
    locked = _require_status(recommendation, Status.DRAFT, Status.SUBMITTED)
    _claim_version(locked, version)
    locked.theme, locked.title, locked.body, locked.priority = theme, title, body, priority
    _save(locked)
    if not markets:
        raise ValidationError(_("Choose at least one market."))
    locked.markets.set(markets)
    if submit and locked.status == Status.DRAFT:
        locked = recommendation_submit(recommendation=locked)
    return locked


@transaction.atomic
def recommendation_submit(*, recommendation: Recommendation) -> Recommendation:
    locked = _require_status(recommendation, Status.DRAFT)
    locked.status = Status.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.version += 1
    locked.save(update_fields=["status", "submitted_at", "version", "updated_at"])
    return locked


@transaction.atomic
def recommendation_start_review(*, recommendation: Recommendation, by) -> Recommendation:
    locked = _require_status(recommendation, Status.SUBMITTED)
    locked.status = Status.UNDER_REVIEW
    locked.review_started_at = timezone.now()
    locked.review_started_by = by
    locked.version += 1
    locked.save(
        update_fields=["status", "review_started_at", "review_started_by", "version", "updated_at"]
    )
    return locked


@dataclass(frozen=True)
class NewMilestone:
    roadmap: Roadmap
    title: str
    due_date: datetime.date
    owner: Person
    description: str = ""


def _record_decision(locked, status, by, response, review_notes):
    """Accepted or declined: who, when, the answer; the submitter is told after commit."""
    locked.status = status
    locked.response = response
    if review_notes is not None:
        locked.review_notes = review_notes
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.version += 1
    _save(locked)
    _notify_decision(locked)
    return locked


@transaction.atomic
def recommendation_accept(
    *,
    recommendation: Recommendation,
    by,
    response: str,
    milestone: Milestone | None = None,
    new_milestone: NewMilestone | None = None,
    review_notes: str | None = None,
    version: int | None = None,
) -> Recommendation:
    """Accept into an existing milestone or a new one, in one transaction: a failure
    leaves neither the decision nor the milestone."""
    locked = _require_status(recommendation, Status.UNDER_REVIEW, version=version)
    if (milestone is None) == (new_milestone is None):
        raise ValidationError(_("Choose an existing milestone or describe a new one."))
    market_ids = set(locked.markets.values_list("pk", flat=True))
    target_roadmap = milestone.roadmap if milestone else new_milestone.roadmap
    if target_roadmap.market_id not in market_ids:
        raise ValidationError(
            _("The milestone must belong to a roadmap of one of the recommendation's markets.")
        )
    if milestone is None:
        milestone = _save(
            Milestone(
                roadmap=new_milestone.roadmap,
                title=new_milestone.title,
                description=new_milestone.description,
                due_date=new_milestone.due_date,
                owner=new_milestone.owner,
            )
        )
    milestone.recommendations.add(locked)
    return _record_decision(locked, Status.ACCEPTED, by, response, review_notes)


@transaction.atomic
def recommendation_decline(
    *,
    recommendation: Recommendation,
    by,
    response: str,
    review_notes: str | None = None,
    version: int | None = None,
) -> Recommendation:
    locked = _require_status(recommendation, Status.UNDER_REVIEW, version=version)
    if not response.strip():
        raise ValidationError(
            {"response": _("Declining needs an answer to the partner: say why.")},
        )
    return _record_decision(locked, Status.DECLINED, by, response, review_notes)


@transaction.atomic
def recommendation_mark_implemented(*, recommendation: Recommendation, by) -> Recommendation:
    locked = _require_status(recommendation, Status.ACCEPTED)
    locked.status = Status.IMPLEMENTED
    locked.implemented_at = timezone.now()
    locked.version += 1
    locked.save(update_fields=["status", "implemented_at", "version", "updated_at"])
    return locked


@transaction.atomic
def recommendation_save_notes(
    *, recommendation: Recommendation, version: int, review_notes: str
) -> Recommendation:
    _claim_version(recommendation, version)
    recommendation.review_notes = review_notes
    recommendation.save(update_fields=["review_notes", "updated_at"])
    return recommendation


# --- roadmaps and milestones ---------------------------------------------------------


ROADMAP_FIELDS = ("market", "title", "starts_on", "ends_on", "owner", "objectives", "status")
MILESTONE_FIELDS = ("title", "description", "due_date", "owner", "status", "progress")


@transaction.atomic
def roadmap_create(*, fields: dict) -> Roadmap:
    return _save(Roadmap(**{name: fields[name] for name in ROADMAP_FIELDS if name in fields}))


@transaction.atomic
def roadmap_update(*, roadmap: Roadmap, version: int, fields: dict) -> Roadmap:
    _claim_version(roadmap, version)
    for name in ROADMAP_FIELDS:
        if name in fields:
            setattr(roadmap, name, fields[name])
    return _save(roadmap)


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
def milestone_create(*, roadmap: Roadmap, fields: dict, source_meeting=None) -> Milestone:
    milestone = Milestone(roadmap=roadmap, source_meeting=source_meeting)
    for name in ("title", "description", "due_date", "owner"):
        if name in fields:
            setattr(milestone, name, fields[name])
    _apply_progress(
        milestone,
        status=fields.get("status") or Milestone.Status.PLANNED,
        progress=fields.get("progress") or 0,
    )
    return _save(milestone)


@transaction.atomic
def milestone_update(*, milestone: Milestone, version: int, fields: dict) -> Milestone:
    _claim_version(milestone, version)
    for name in ("title", "description", "due_date", "owner"):
        if name in fields:
            setattr(milestone, name, fields[name])
    _apply_progress(
        milestone,
        status=fields.get("status", milestone.status),
        progress=fields.get("progress", milestone.progress),
    )
    return _save(milestone)


@transaction.atomic
def milestone_set_progress(*, milestone: Milestone, progress: int) -> Milestone:
    """The inline progress update: no version check, the latest figure wins."""
    locked = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if locked.status == Milestone.Status.CANCELLED:
        raise ValidationError(_("A cancelled milestone has no progress."))
    status = locked.status if progress < 100 else Milestone.Status.DONE
    if status == Milestone.Status.DONE and progress < 100:
        status = Milestone.Status.IN_PROGRESS
    _apply_progress(locked, status=status, progress=progress)
    locked.version += 1
    return _save(locked)


def milestone_complete(*, milestone: Milestone) -> Milestone:
    return milestone_set_progress(milestone=milestone, progress=100)
