"""Every write to recommendations: the partner's draft and submission, ONMT's
review and decision. `by` is the user acting, recorded as the change's author
(and as the reviewer or decider where the record has a field for it)."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import outbox
from core.history import record_author
from core.locking import claim_version, save_validated
from core.typing import Actor
from meetings.models import Meeting
from partners.models import Market, Organization, Person

from ..models import Milestone, Recommendation, Roadmap

Status = Recommendation.Status
# A reviewer may decide while waiting for the organization's answer, too.
DECIDABLE = (Status.UNDER_REVIEW, Status.NEEDS_INFORMATION)


def _notify_decision(recommendation: Recommendation) -> None:
    """The submitter's notice, written to the outbox in this transaction."""
    from ..notices import DECISION

    author = recommendation.author
    if author.contact_email:
        outbox.enqueue(
            kind=DECISION,
            context={"recommendation": recommendation.pk},
            key=f"recommendation:{recommendation.pk}:v{recommendation.version}:decision",
            recipient=author.contact_email,
            language=author.language,
        )


def _require_status(
    recommendation: Recommendation, *allowed: str, version: int | None = None
) -> Recommendation:
    """The recommendation, row-locked, in one of the allowed statuses — and, when the
    caller read it at `version`, unchanged since (checked under the lock)."""
    locked = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if version is not None:
        claim_version(locked, version)
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
    markets: Iterable[Market],
    theme: str,
    title: str,
    body: str,
    priority: str,
    meeting: Meeting | None = None,
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
    save_validated(recommendation)
    recommendation.markets.set(markets)
    if submit:
        recommendation = recommendation_submit(recommendation=recommendation)
    return recommendation


@transaction.atomic
def recommendation_update(
    *,
    recommendation: Recommendation,
    version: int,
    markets: Iterable[Market],
    theme: str,
    title: str,
    body: str,
    priority: str,
    submit: bool,
) -> Recommendation:
    """The submitter's edit: possible until ONMT starts reviewing."""
    locked = _require_status(recommendation, Status.DRAFT, Status.SUBMITTED)
    claim_version(locked, version)
    locked.theme, locked.title, locked.body, locked.priority = theme, title, body, priority
    save_validated(locked)
    locked.markets.set(markets)
    if locked.status == Status.SUBMITTED:
        # Submitted stays complete: ONMT may already be reading it.
        _require_complete(locked)
    elif submit:
        locked = recommendation_submit(recommendation=locked)
    return locked


def _require_complete(recommendation: Recommendation) -> None:
    """What ONMT needs to review a recommendation, each gap named by its field."""
    errors = {}
    if not recommendation.theme:
        errors["theme"] = _("Choose a theme before submitting.")
    if not recommendation.body.strip():
        errors["body"] = _("Write the text of the recommendation before submitting.")
    if not recommendation.markets.exists():
        errors["markets"] = _("Choose at least one market before submitting.")
    if errors:
        raise ValidationError(errors, code="incomplete")


@transaction.atomic
def recommendation_submit(
    *, recommendation: Recommendation, version: int | None = None
) -> Recommendation:
    """The draft goes to ONMT, complete; `version` when the submitter read it
    on a page (a stale page is refused)."""
    locked = _require_status(recommendation, Status.DRAFT, version=version)
    _require_complete(locked)
    locked.status = Status.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.version += 1
    locked.save(update_fields=["status", "submitted_at", "version", "updated_at"])
    return locked


@transaction.atomic
def recommendation_start_review(*, recommendation: Recommendation, by: Actor) -> Recommendation:
    locked = _require_status(recommendation, Status.SUBMITTED)
    locked.status = Status.UNDER_REVIEW
    locked.review_started_at = timezone.now()
    locked.review_started_by = by
    locked.version += 1
    record_author(by, locked)
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


def _record_decision(
    locked: Recommendation, status: str, by: Actor, response: str, review_notes: str | None
) -> Recommendation:
    """Accepted or declined: who, when, the answer; the submitter is told after commit."""
    locked.status = status
    locked.response = response
    if review_notes is not None:
        locked.review_notes = review_notes
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.version += 1
    record_author(by, locked)
    save_validated(locked)
    _notify_decision(locked)
    return locked


@transaction.atomic
def recommendation_accept(
    *,
    recommendation: Recommendation,
    by: Actor,
    response: str,
    milestone: Milestone | None = None,
    new_milestone: NewMilestone | None = None,
    review_notes: str | None = None,
    version: int | None = None,
) -> Recommendation:
    """Accept into an existing milestone or a new one, in one transaction: a failure
    leaves neither the decision nor the milestone."""
    locked = _require_status(recommendation, *DECIDABLE, version=version)
    if (milestone is None) == (new_milestone is None):
        raise ValidationError(_("Choose an existing milestone or describe a new one."))
    market_ids = set(locked.markets.values_list("pk", flat=True))
    target_roadmap = milestone.roadmap if milestone else new_milestone.roadmap
    if target_roadmap.market_id not in market_ids:
        raise ValidationError(
            _("The milestone must belong to a roadmap of one of the recommendation's markets.")
        )
    if milestone is None:
        milestone = Milestone(
            roadmap=new_milestone.roadmap,
            title=new_milestone.title,
            description=new_milestone.description,
            due_date=new_milestone.due_date,
            owner=new_milestone.owner,
        )
        record_author(by, milestone)
        save_validated(milestone)
    milestone.recommendations.add(locked)
    return _record_decision(locked, Status.ACCEPTED, by, response, review_notes)


@transaction.atomic
def recommendation_decline(
    *,
    recommendation: Recommendation,
    by: Actor,
    response: str,
    review_notes: str | None = None,
    version: int | None = None,
) -> Recommendation:
    locked = _require_status(recommendation, *DECIDABLE, version=version)
    if not response.strip():
        raise ValidationError(
            {"response": _("Declining needs an answer to the partner: say why.")},
        )
    return _record_decision(locked, Status.DECLINED, by, response, review_notes)


@transaction.atomic
def recommendation_mark_implemented(*, recommendation: Recommendation, by: Actor) -> Recommendation:
    locked = _require_status(recommendation, Status.ACCEPTED)
    locked.status = Status.IMPLEMENTED
    locked.implemented_at = timezone.now()
    locked.version += 1
    record_author(by, locked)
    locked.save(update_fields=["status", "implemented_at", "version", "updated_at"])
    return locked


@transaction.atomic
def recommendations_transfer(
    recommendations: list[Recommendation], to: Person, by: Actor | None
) -> int:
    """A hand-over: undecided recommendations are followed by the successor."""
    for recommendation in recommendations:
        recommendation.author = to
        recommendation.version += 1
        record_author(by, recommendation)
        recommendation.save(update_fields=["author", "version", "updated_at"])
    return len(recommendations)
