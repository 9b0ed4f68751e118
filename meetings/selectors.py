"""Reads of meetings that cross relations, for the views and feeds."""

from collections import Counter

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.typing import Viewer
from partners.models import Organization, Person

from .models import Meeting, Outcome, Participant
from .permissions import visible_meetings


def opening_tab(user: Viewer, *, filters: dict) -> str:
    """The list opened without a tab: the upcoming meetings, or the past ones
    when nothing is planned (an empty first tab reads like a filter error)."""
    upcoming = meetings_for_list(user, filters={**filters, "when": "upcoming"})
    return "upcoming" if upcoming.exists() else "past"


def meetings_for_list(user: Viewer, *, filters: dict) -> QuerySet[Meeting]:
    meetings = visible_meetings(user).select_related("organizer")
    now = timezone.now()
    if filters.get("when") == "past":
        meetings = meetings.past(now=now).order_by("-starts_at", "-pk")
    else:
        meetings = meetings.upcoming(now=now).order_by("starts_at", "pk")
    if filters.get("status"):
        meetings = meetings.filter(status=filters["status"])
    if filters.get("date_from"):
        meetings = meetings.filter(starts_at__date__gte=filters["date_from"])
    if filters.get("date_to"):
        meetings = meetings.filter(starts_at__date__lte=filters["date_to"])
    if filters.get("organization"):
        organization = filters["organization"]
        # EXISTS rather than a join: no DISTINCT over the whole list.
        seated = Participant.objects.filter(meeting=OuterRef("pk"), organization=organization)
        meetings = meetings.filter(Q(organizer=organization) | Exists(seated))
    if filters.get("market"):
        meetings = meetings.filter(markets=filters["market"])
    for term in (filters.get("q") or "").split():
        meetings = meetings.filter(
            Q(title__indexed_unaccent__icontains=term)
            | Q(location__indexed_unaccent__icontains=term)
            | Q(organizer__short_name__indexed_unaccent__icontains=term)
        )
    # A count per row, in a subquery: a join would group the whole table's
    # participants before the page's 20 rows are chosen (and the list's count
    # leaves the subquery out).
    seats = (
        Participant.objects.filter(meeting=OuterRef("pk"))
        .order_by()
        .values("meeting")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return meetings.annotate(participant_count=Coalesce(Subquery(seats), 0))


def meeting_page(meeting: Meeting) -> dict:
    participants = list(
        meeting.participants.select_related("person", "organization", "substitute").order_by(
            "organization__name", "person__last_name", "person__first_name"
        )
    )
    outcomes = list(meeting.outcomes.select_related("organization", "market"))
    by_kind = [
        (label, [outcome for outcome in outcomes if outcome.kind == kind])
        for kind, label in Outcome.Kind.choices
    ]
    answers = Counter(participant.response for participant in participants)
    return {
        "agenda_items": list(meeting.agenda_items.all()),
        "participants": participants,
        # Expected attendance at a glance: how many answered what.
        "answers": [(label, answers[value]) for value, label in Participant.Response.choices],
        "outcomes_by_kind": [(label, items) for label, items in by_kind if items],
        "markets": list(meeting.markets.all()),
    }


def invitations_held(
    person: Person, organization: Organization, *, everything: bool
) -> QuerySet[Participant]:
    """Seats a person holds in meetings still to come: on behalf of this
    organization, or all of them (their last mandate)."""
    seats = Participant.objects.filter(
        person=person, meeting__status=Meeting.Status.PLANNED, meeting__starts_at__gt=timezone.now()
    ).select_related("meeting")
    if not everything:
        seats = seats.filter(organization=organization)
    return seats.order_by("meeting__starts_at", "pk")
