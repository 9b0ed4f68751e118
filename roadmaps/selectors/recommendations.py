"""Reads of recommendations for the views, panels and exports."""

from collections import defaultdict

from django.db.models import Q, QuerySet

from core.typing import Viewer
from partners.models import Organization, Person

from ..models import Milestone, Recommendation, Roadmap
from ..permissions import (
    decision_recommendation,
    decision_roadmaps,
    messages_visible_to,
    recommendations_visible_to,
    roadmaps_visible_to,
)


def recommendations_for_list(user: Viewer, *, filters: dict) -> QuerySet[Recommendation]:
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
    return recommendations.order_by("-updated_at", "-pk")


def market_codes(recommendation_ids) -> dict[int, list[str]]:
    """Each recommendation's market codes, sorted, in one query (the list's page,
    an export's chunk): no Market objects, no queryset per recommendation."""
    codes = defaultdict(list)
    pairs = (
        Recommendation.markets.through.objects.filter(recommendation_id__in=recommendation_ids)
        .order_by("market__code")
        .values_list("recommendation_id", "market__code")
    )
    for recommendation_id, code in pairs:
        codes[recommendation_id].append(code)
    return codes


def with_market_codes(recommendations) -> list[Recommendation]:
    """A page of recommendations, each with `market_codes`: prefetch_related
    ("markets") built a queryset per row and whole Market objects for a code."""
    recommendations = list(recommendations)
    codes = market_codes([recommendation.pk for recommendation in recommendations])
    for recommendation in recommendations:
        recommendation.market_codes = codes[recommendation.pk]
    return recommendations


def recommendation_page(recommendation: Recommendation, user: Viewer) -> dict:
    """Its markets, the milestones that carry it out — in roadmaps the viewer may
    see (a council member never learns of a draft roadmap's milestone) — and the
    conversation as the viewer may read it, each message marked editable when it
    is the viewer's and no reply follows it."""
    thread = list(messages_visible_to(user, recommendation))
    # Editable until a reply the viewer can read (services.conversation.message_edit).
    for index, message in enumerate(thread):
        message.editable = message.author_id == user.pk and index == len(thread) - 1
    return {
        "thread": thread,
        "markets": list(recommendation.markets.all()),
        "milestones": list(
            recommendation.milestones.filter(roadmap__in=roadmaps_visible_to(user))
            .select_related("roadmap")
            .only("roadmap__title", "title", "due_date", "status", "progress")
            .order_by("due_date", "pk")
        ),
    }


def recommendations_held(
    person: Person, organization: Organization, *, everything: bool
) -> QuerySet[Recommendation]:
    """Recommendations a person wrote for this organization that ONMT has not
    decided yet, or all such (their last mandate): the successor follows them."""
    held = Recommendation.objects.filter(author=person, status__in=Recommendation.OPEN_STATUSES)
    if not everything:
        held = held.filter(organization=organization)
    return held.order_by("pk")


def decision_milestone_label(milestone: Milestone) -> str:
    return f"{milestone.roadmap} — {milestone.title}"


def picker_decision_roadmaps(user: Viewer, term: str, params) -> QuerySet[Roadmap]:
    """Roadmaps the reviewer may accept the recommendation into whose title or
    market holds every word (core/pickers.py)."""
    recommendation = decision_recommendation(user, params)
    if recommendation is None:
        return Roadmap.objects.none()
    roadmaps = decision_roadmaps(user, recommendation).select_related("market")
    for word in term.split()[:8]:
        roadmaps = roadmaps.filter(
            Q(title__unaccent__icontains=word) | Q(market__code__iexact=word)
        )
    return roadmaps.order_by("market__code", "-starts_on", "pk")


def picker_decision_milestones(user: Viewer, term: str, params) -> QuerySet[Milestone]:
    """Open milestones of those roadmaps whose title or roadmap holds every word."""
    recommendation = decision_recommendation(user, params)
    if recommendation is None:
        return Milestone.objects.none()
    milestones = (
        Milestone.objects.open()
        .filter(roadmap__in=decision_roadmaps(user, recommendation))
        .select_related("roadmap")
    )
    for word in term.split()[:8]:
        milestones = milestones.filter(
            Q(title__indexed_unaccent__icontains=word) | Q(roadmap__title__unaccent__icontains=word)
        )
    return milestones.order_by("roadmap__title", "due_date", "pk")
