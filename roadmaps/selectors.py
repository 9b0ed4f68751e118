"""Reads for recommendations and roadmaps, shared by views, panels and exports."""

from django.db.models import Avg, Count, Prefetch, Q, QuerySet
from django.utils import timezone

from partners.models import Organization

from .models import Milestone, Recommendation, Roadmap
from .permissions import recommendations_visible_to, roadmaps_visible_to


def recommendations_for_list(user, *, filters: dict) -> QuerySet[Recommendation]:
    recommendations = recommendations_visible_to(user).select_related("organization")
    if filters.get("status"):
        recommendations = recommendations.filter(status=filters["status"])
    if filters.get("market"):
        recommendations = recommendations.filter(markets=filters["market"])
    if filters.get("organization"):
        recommendations = recommendations.filter(organization=filters["organization"])
    if filters.get("theme"):
        recommendations = recommendations.filter(theme=filters["theme"])
    for term in (filters.get("q") or "").split():
        # Every branch on the recommendation's own row, the organizations read
        # first (a few hundred rows): PostgreSQL then ORs the answers of the
        # search indexes and of the organization index, without a table scan.
        organization_ids = list(
            Organization.objects.filter(short_name__unaccent__icontains=term).values_list(
                "pk", flat=True
            )
        )
        recommendations = recommendations.filter(
            Q(title__indexed_unaccent__icontains=term)
            | Q(body__indexed_unaccent__icontains=term)
            | Q(organization__in=organization_ids)
        )
    return recommendations.prefetch_related("markets").order_by("-updated_at", "-pk")


def recommendation_page(recommendation: Recommendation) -> dict:
    return {
        "markets": list(recommendation.markets.all()),
        "milestones": list(
            recommendation.milestones.select_related("roadmap", "roadmap__market", "owner")
        ),
    }


def roadmaps_for_list(user) -> QuerySet[Roadmap]:
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
                    milestones__status__in=[Milestone.Status.PLANNED, Milestone.Status.IN_PROGRESS],
                    milestones__due_date__lt=today,
                ),
                distinct=True,
            ),
        )
        .order_by("market__code", "-starts_on")
    )


def roadmap_page(roadmap: Roadmap, user) -> dict:
    milestones = list(
        roadmap.milestones.select_related("owner", "source_meeting")
        .prefetch_related(
            Prefetch(
                "recommendations",
                queryset=recommendations_visible_to(user).select_related("organization"),
                to_attr="visible_recommendations",
            )
        )
        .order_by("due_date", "pk")
    )
    live = [m for m in milestones if m.status != Milestone.Status.CANCELLED]
    progress = round(sum(m.progress for m in live) / len(live)) if live else 0
    return {
        "milestones": milestones,
        "progress": progress,
        "overdue_count": sum(1 for m in milestones if m.is_overdue),
    }
