"""Reads of roadmaps and their milestones for the views, panels and the dashboard."""

import datetime
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Avg, Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language_bidi

from core.typing import Viewer
from meetings.permissions import visible_meetings
from partners.models import Organization, Person

from ..models import Milestone, Roadmap
from ..permissions import recommendations_visible_to, roadmaps_visible_to
from .timeline import roadmap_timeline


def roadmaps_for_list(user: Viewer) -> QuerySet[Roadmap]:
    today = timezone.localdate()
    live = ~Q(milestones__status=Milestone.Status.CANCELLED)
    return (
        roadmaps_visible_to(user)
        .select_related("market", "owner")
        .annotate(
            milestone_count=Count("milestones", filter=live, distinct=True),
            progress=Avg("milestones__progress", filter=live),
            overdue_count=Count(
                "milestones",
                filter=Q(
                    milestones__status__in=Milestone.OPEN_STATUSES,
                    milestones__due_date__lt=today,
                ),
                distinct=True,
            ),
        )
        .order_by("market__code", "-starts_on")
    )


def milestones_as_seen_by(user: Viewer, milestones: QuerySet[Milestone]) -> list[Milestone]:
    """The milestones with what each links to, as far as the viewer may see it: its
    recommendations (visible_recommendations) and the meeting it came from
    (visible_meeting, None when that meeting is not theirs to see)."""
    milestones = list(
        milestones.select_related("owner").prefetch_related(
            Prefetch(
                "recommendations",
                queryset=recommendations_visible_to(user)
                .select_related("organization")
                .only("title", "organization__short_name"),
                to_attr="visible_recommendations",
            )
        )
    )
    # The meetings they came from, those the viewer may see, by their title (one
    # query, which is also the check).
    meeting_ids = {m.source_meeting_id for m in milestones if m.source_meeting_id}
    seen = (
        visible_meetings(user).filter(pk__in=meeting_ids).only("title").in_bulk()
        if meeting_ids
        else {}
    )
    for milestone in milestones:
        milestone.visible_meeting = seen.get(milestone.source_meeting_id)
    return milestones


MILESTONES_PER_PAGE = 25


@dataclass(frozen=True, slots=True)
class Outline:
    """What the figures and the choice of a page read of every milestone, with
    the model's own rules (its properties, reused): cheaper than 100 models.
    The rows of the page shown load the rest (milestones_as_seen_by)."""

    pk: int
    status: str
    progress: int
    due_date: datetime.date
    baseline_due_date: datetime.date | None

    OPEN_STATUSES = Milestone.OPEN_STATUSES
    is_open = Milestone.is_open
    is_overdue = Milestone.is_overdue
    slippage_days = Milestone.slippage_days


def roadmap_page(roadmap: Roadmap, user: Viewer, *, page=None, milestone=None) -> dict:
    """The roadmap's figures over all its milestones, and one page of their rows
    (MILESTONES_PER_PAGE, by due date) with their timeline: `page` when asked
    for, else the page holding `milestone` (a milestone's link), else the one
    holding the first open milestone — where the work is. A 100-milestone
    roadmap costs the rows of 25."""
    outline = [
        Outline(*values)
        for values in roadmap.milestones.order_by("due_date", "pk").values_list(
            "pk", "status", "progress", "due_date", "baseline_due_date"
        )
    ]
    paginator = Paginator(outline, MILESTONES_PER_PAGE)
    if page is None:
        index = next((i for i, m in enumerate(outline) if m.pk == milestone), None)
        if index is None:
            index = next((i for i, m in enumerate(outline) if m.is_open), 0)
        page = index // MILESTONES_PER_PAGE + 1
    shown = paginator.get_page(page)
    rows = milestones_as_seen_by(
        user, Milestone.objects.filter(pk__in=[m.pk for m in shown]).order_by("due_date", "pk")
    )
    live = [m for m in rows if m.status != Milestone.Status.CANCELLED]
    return {
        "milestones": rows,
        "milestone_page": shown,
        **roadmap_summary(outline),
        # The rows' timeline, mark by row: it stays readable (and the same size)
        # however long the roadmap.
        "timeline": roadmap_timeline(
            roadmap, live, today=timezone.localdate(), rtl=get_language_bidi()
        ),
    }


def roadmap_summary(milestones: list[Milestone]) -> dict:
    """The roadmap's figures: overall progress (cancelled milestones left out),
    how many are late, how many moved later than planned and by how much."""
    live = [m for m in milestones if m.status != Milestone.Status.CANCELLED]
    slipped = [m for m in live if (m.slippage_days or 0) > 0]
    return {
        "progress": round(sum(m.progress for m in live) / len(live)) if live else 0,
        "overdue_count": sum(1 for m in milestones if m.is_overdue),
        "slipped_count": len(slipped),
        "max_slippage": max((m.slippage_days for m in slipped), default=0),
    }


def milestones_held(
    person: Person, organization: Organization, *, everything: bool
) -> QuerySet[Milestone]:
    """Open milestones a person owns through a mandate in this organization (a
    delegation's markets), or all of them (their last mandate)."""
    milestones = (
        Milestone.objects.open()
        .filter(owner=person)
        .exclude(roadmap__status=Roadmap.Status.CLOSED)
        .select_related("roadmap")
        .order_by("due_date", "pk")
    )
    if everything:
        return milestones
    return milestones.filter(roadmap__market__in=organization.markets.all())


def roadmaps_held(
    person: Person, organization: Organization, *, everything: bool
) -> QuerySet[Roadmap]:
    """Roadmaps not closed that a person owns, as milestones_held scopes them."""
    roadmaps = (
        Roadmap.objects.filter(owner=person)
        .exclude(status=Roadmap.Status.CLOSED)
        .select_related("market")
        .order_by("market__code", "starts_on")
    )
    if everything:
        return roadmaps
    return roadmaps.filter(market__in=organization.markets.all())
