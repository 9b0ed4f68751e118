"""Who may see and do what with recommendations and roadmaps. Every view asks here.

Recommendations
- council members: write them for organizations where they hold a current
  mandate, edit them until ONMT starts reviewing, read their organizations'
  ones (drafts included) with ONMT's answer — never the internal review notes;
- ONMT staff: read and review every submitted recommendation;
- delegates: read and review those aimed at one of their markets;
- a draft is seen by its organization only. Anything else is a 404.

Roadmaps
- ONMT staff: everything; delegates: read all, create and edit those of their
  markets; council members: read active roadmaps only.
"""

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from partners.models import Market, Membership, Organization
from partners.permissions import current_organization_ids, has_portal_role, require
from partners.roles import Role, roles_of

from .models import Milestone, Recommendation, Roadmap


def is_staff(user) -> bool:
    return user.is_authenticated and (user.is_superuser or Role.ONMT_STAFF in roles_of(user))


def is_delegate(user) -> bool:
    return user.is_authenticated and Role.DELEGATE in roles_of(user)


def is_council(user) -> bool:
    return user.is_authenticated and Role.COUNCIL in roles_of(user)


def delegate_market_ids(user) -> frozenset[int]:
    """Markets covered by the delegations where the user holds a current mandate."""
    if not is_delegate(user):
        return frozenset()
    if not hasattr(user, "_delegate_market_ids"):
        delegations = Membership.objects.current().filter(
            person__user=user, organization__kind=Organization.Kind.DELEGATION
        )
        user._delegate_market_ids = frozenset(
            Market.objects.filter(organizations__in=delegations.values("organization")).values_list(
                "pk", flat=True
            )
        )
    return user._delegate_market_ids


# --- recommendations -------------------------------------------------------------------


def council_organization_ids(user) -> frozenset[int]:
    return current_organization_ids(user) if is_council(user) else frozenset()


def recommendations_visible_to(user) -> QuerySet[Recommendation]:
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


def get_visible_recommendation(user, pk, queryset=None) -> Recommendation:
    source = queryset if queryset is not None else recommendations_visible_to(user)
    recommendation = source.filter(pk=pk).first()
    if recommendation is None:
        raise Http404
    return recommendation


def can_submit_recommendations(user) -> bool:
    return bool(council_organization_ids(user))


def can_edit_recommendation(user, recommendation) -> bool:
    return recommendation.organization_id in council_organization_ids(user) and (
        recommendation.status in (Recommendation.Status.DRAFT, Recommendation.Status.SUBMITTED)
    )


def can_review_recommendation(user, recommendation) -> bool:
    if recommendation.status == Recommendation.Status.DRAFT:
        return False
    if is_staff(user):
        return True
    if is_delegate(user):
        market_ids = {market.pk for market in recommendation.markets.all()}
        return bool(market_ids & delegate_market_ids(user))
    return False


def can_read_review_notes(user) -> bool:
    return is_staff(user) or is_delegate(user)


def can_triage(user) -> bool:
    return is_staff(user) or is_delegate(user)


# --- roadmaps --------------------------------------------------------------------------


def roadmaps_visible_to(user) -> QuerySet[Roadmap]:
    roadmaps = Roadmap.objects.all()
    if is_staff(user) or is_delegate(user):
        return roadmaps
    if has_portal_role(user):
        return roadmaps.filter(status=Roadmap.Status.ACTIVE)
    return roadmaps.none()


def get_visible_roadmap(user, pk, queryset=None) -> Roadmap:
    source = queryset if queryset is not None else roadmaps_visible_to(user)
    roadmap = source.filter(pk=pk).first()
    if roadmap is None:
        raise Http404
    return roadmap


def can_list_roadmaps(user) -> bool:
    return has_portal_role(user)


def can_create_roadmaps(user) -> bool:
    return is_staff(user) or bool(delegate_market_ids(user))


def can_edit_roadmap(user, roadmap) -> bool:
    return is_staff(user) or roadmap.market_id in delegate_market_ids(user)


def editable_markets(user) -> QuerySet[Market]:
    if is_staff(user):
        return Market.objects.all()
    return Market.objects.filter(pk__in=delegate_market_ids(user))


def get_editable_milestone(user, pk) -> Milestone:
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
