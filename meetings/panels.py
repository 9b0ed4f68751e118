"""The meetings' own panel on organization pages: the meetings it took part in."""

from django.db.models import Q
from django.template.loader import render_to_string

from .permissions import visible_meetings


def organization_meetings(request, organization) -> str:
    meetings = list(
        visible_meetings(request.user)
        .filter(Q(organizer=organization) | Q(participants__organization=organization))
        .distinct()
        .order_by("-starts_at")[:10]
    )
    if not meetings:
        return ""
    return render_to_string(
        "meetings/_organization_meetings.html", {"meetings": meetings}, request=request
    )
