"""Who may see and do what with recommendations and roadmaps. Every view asks here.

Recommendations
- council members: write them for organizations where they hold a current
  mandate, edit them until ONMT starts reviewing, read their organizations'
  ones (drafts included) with ONMT's answer and answer ONMT's questions —
  never the internal review notes nor the internal messages;
- ONMT staff: read and review every submitted recommendation;
- delegates: read and review those aimed at one of their markets;
- a draft is seen by its organization only. Anything else is a 404.

Roadmaps
- ONMT staff: everything; delegates: read all, create and edit those of their
  markets; council members: read active roadmaps only.

Markets (their page, figures and targets)
- ONMT staff and delegates: every market; council members: the markets their
  recommendations or the meetings they may see concern — any other is a 404;
- targets: set by ONMT staff and by the market's delegates.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from core.typing import Viewer
from meetings.models import Meeting
from meetings.permissions import visible_meetings
from partners.models import Market
from partners.permissions import require
from partners.roles import (
    council_organization_ids,
    delegate_market_ids,
    has_portal_role,
    is_delegate,
    is_staff,
)

from .models import Milestone, Recommendation, Roadmap

# --- recommendations -------------------------------------------------------------------


def recommendations_visible_to(user: Viewer) -> QuerySet[Recommendation]:
    """The one queryset of recommendations a user may see: lists, details, exports."""
    recommendations = Recommendation.objects.all()
    if not has_portal_role(user):
        return recommendations.none()
    # Every condition below stays on the recommendation's own row (no join), so
    # OR-ing them never repeats a row: no DISTINCT, which would sort whole rows.
    own_ids = council_organization_ids(user)
    own = recommendations.filter(organization__in=own_ids)
    if is_staff(user):
        submitted = recommendations.exclude(status=Recommendation.Status.DRAFT)
        return submitted | own if own_ids else submitted
    if is_delegate(user):
        aimed = recommendations.exclude(status=Recommendation.Status.DRAFT).filter(
            Exists(
                Recommendation.markets.through.objects.filter(
                    recommendation=OuterRef("pk"), market__in=delegate_market_ids(user)
                )
            )
        )
        return aimed | own if own_ids else aimed
    return own


def get_visible_recommendation(
    user: Viewer, pk: int, queryset: QuerySet | None = None
) -> Recommendation:
    source = queryset if queryset is not None else recommendations_visible_to(user)
    recommendation = source.filter(pk=pk).first()
    if recommendation is None:
        raise Http404
    return recommendation


def can_submit_recommendations(user: Viewer) -> bool:
    return bool(council_organization_ids(user))


def can_edit_recommendation(user: Viewer, recommendation: Recommendation) -> bool:
    return recommendation.organization_id in council_organization_ids(user) and (
        recommendation.status in (Recommendation.Status.DRAFT, Recommendation.Status.SUBMITTED)
    )


def can_review_recommendation(user: Viewer, recommendation: Recommendation) -> bool:
    if recommendation.status == Recommendation.Status.DRAFT:
        return False
    if is_staff(user):
        return True
    if is_delegate(user):
        market_ids = {market.pk for market in recommendation.markets.all()}
        return bool(market_ids & delegate_market_ids(user))
    return False


def can_read_review_notes(user: Viewer) -> bool:
    return is_staff(user) or is_delegate(user)


def can_write_as_organization(user: Viewer, recommendation: Recommendation) -> bool:
    """A member of the submitting organization answers questions once submitted."""
    return recommendation.status != Recommendation.Status.DRAFT and (
        recommendation.organization_id in council_organization_ids(user)
    )


def messages_visible_to(user: Viewer, recommendation: Recommendation) -> QuerySet:
    """The conversation as this viewer may read it: internal notes for ONMT staff
    and the market's delegates (who alone see this recommendation's notes)."""
    messages = recommendation.messages.select_related("author")
    return messages if can_read_review_notes(user) else messages.filter(is_internal=False)


def can_triage(user: Viewer) -> bool:
    return is_staff(user) or is_delegate(user)


def can_export_recommendations(user: Viewer) -> bool:
    """The list's exports: whoever may read the list (its rows are still theirs alone)."""
    return can_triage(user) or can_submit_recommendations(user)


# --- roadmaps --------------------------------------------------------------------------


def roadmaps_visible_to(user: Viewer) -> QuerySet[Roadmap]:
    roadmaps = Roadmap.objects.all()
    if is_staff(user) or is_delegate(user):
        return roadmaps
    if has_portal_role(user):
        return roadmaps.filter(status=Roadmap.Status.ACTIVE)
    return roadmaps.none()


def get_visible_roadmap(user: Viewer, pk: int, queryset: QuerySet | None = None) -> Roadmap:
    source = queryset if queryset is not None else roadmaps_visible_to(user)
    roadmap = source.filter(pk=pk).first()
    if roadmap is None:
        raise Http404
    return roadmap


def can_list_roadmaps(user: Viewer) -> bool:
    return has_portal_role(user)


def can_create_roadmaps(user: Viewer) -> bool:
    return is_staff(user) or bool(delegate_market_ids(user))


def can_edit_roadmap(user: Viewer, roadmap: Roadmap) -> bool:
    return is_staff(user) or roadmap.market_id in delegate_market_ids(user)


def editable_markets(user: Viewer) -> QuerySet[Market]:
    if is_staff(user):
        return Market.objects.all()
    return Market.objects.filter(pk__in=delegate_market_ids(user))


def open_editable_roadmaps(user: Viewer) -> QuerySet[Roadmap]:
    """Roadmaps not closed that the user may write into: every write that targets a
    roadmap picks it from here (writes are scoped like reads)."""
    roadmaps = Roadmap.objects.exclude(status=Roadmap.Status.CLOSED).select_related("market")
    if is_staff(user):
        return roadmaps
    return roadmaps.filter(market__in=delegate_market_ids(user))


def followup_roadmaps(user: Viewer, meeting: Meeting) -> QuerySet[Roadmap]:
    """Roadmaps a meeting's follow-up may go to: open ones the user may edit, of the
    meeting's markets when it names some."""
    roadmaps = open_editable_roadmaps(user)
    market_ids = list(meeting.markets.values_list("pk", flat=True))
    if market_ids:
        roadmaps = roadmaps.filter(market__in=market_ids)
    return roadmaps


def decision_roadmaps(user: Viewer, recommendation: Recommendation) -> QuerySet[Roadmap]:
    """Roadmaps a reviewer may accept a recommendation into: open roadmaps of its
    markets that they may edit — a delegate reviewing a France + Spain
    recommendation accepts it into France's roadmap only."""
    return open_editable_roadmaps(user).filter(market__in=recommendation.markets.all())


def decision_recommendation(user: Viewer, params) -> Recommendation | None:
    """The recommendation a reviewer's picker asks about (?recommendation=<pk>),
    if they may review it; None for anything else."""
    pk = str(params.get("recommendation", ""))
    if not pk.isdecimal():
        return None
    recommendation = recommendations_visible_to(user).filter(pk=pk).first()
    if recommendation is None or not can_review_recommendation(user, recommendation):
        return None
    return recommendation


def can_pick_for_decision(user: Viewer, params) -> bool:
    """May list the roadmaps and milestones a recommendation may be accepted into."""
    return decision_recommendation(user, params) is not None


def get_editable_milestone(user: Viewer, pk: int) -> Milestone:
    """404 if the user cannot see its roadmap, 403 if they see it but may not edit."""
    milestone = (
        Milestone.objects.select_related("roadmap", "roadmap__market", "owner")
        .filter(pk=pk, roadmap__in=roadmaps_visible_to(user))
        .first()
    )
    if milestone is None:
        raise Http404
    require(can_edit_roadmap(user, milestone.roadmap))
    return milestone


# --- markets ---------------------------------------------------------------------------


def markets_visible_to(user: Viewer) -> QuerySet[Market]:
    if is_staff(user) or is_delegate(user):
        return Market.objects.all()
    if not has_portal_role(user):
        return Market.objects.none()
    concerned = Q(Exists(recommendations_visible_to(user).filter(markets=OuterRef("pk")))) | Q(
        Exists(visible_meetings(user).filter(markets=OuterRef("pk")))
    )
    return Market.objects.filter(concerned)


def get_visible_market(user: Viewer, code: str) -> Market:
    require(has_portal_role(user))
    market = markets_visible_to(user).filter(code=code).first()
    if market is None:
        raise Http404
    return market


def can_set_targets(user: Viewer, market: Market) -> bool:
    return is_staff(user) or market.pk in delegate_market_ids(user)
