"""Reads of meetings that cross relations, for the views and feeds."""

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from .models import Meeting, Outcome
from .permissions import visible_meetings


def meetings_for_list(user, *, filters: dict) -> QuerySet[Meeting]:
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
        meetings = meetings.filter(
            Q(organizer=organization) | Q(participants__organization=organization)
        ).distinct()
    if filters.get("market"):
        meetings = meetings.filter(markets=filters["market"])
    for term in (filters.get("q") or "").split():
        meetings = meetings.filter(
            Q(title__unaccent__icontains=term)
            | Q(location__unaccent__icontains=term)
            | Q(organizer__short_name__unaccent__icontains=term)
        )
    return meetings.annotate(participant_count=Count("participants", distinct=True))


def meeting_page(meeting: Meeting) -> dict:
    participants = list(
        meeting.participants.select_related("person", "organization").order_by(
            "organization__name", "person__last_name", "person__first_name"
        )
    )
    outcomes = list(meeting.outcomes.select_related("organization", "market"))
    by_kind = [
        (label, [outcome for outcome in outcomes if outcome.kind == kind])
        for kind, label in Outcome.Kind.choices
    ]
    return {
        "agenda_items": list(meeting.agenda_items.all()),
        "participants": participants,
        "outcomes_by_kind": [(label, items) for label, items in by_kind if items],
        "markets": list(meeting.markets.all()),
    }
