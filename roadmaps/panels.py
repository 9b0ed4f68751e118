"""What roadmaps add to meeting and organization pages (see the extensions modules)."""

from django.template.loader import render_to_string

from . import permissions
from .forms import FollowupMilestoneForm
from .models import Milestone


def _followups(request, meeting):
    return list(
        Milestone.objects.filter(
            source_meeting=meeting, roadmap__in=permissions.roadmaps_visible_to(request.user)
        ).select_related("roadmap", "roadmap__market", "owner")
    )


def meeting_followups(request, meeting) -> str:
    milestones = _followups(request, meeting)
    if not milestones:
        return ""
    return render_to_string(
        "roadmaps/_meeting_followups.html", {"milestones": milestones}, request=request
    )


def meeting_followup_form(request, meeting) -> str:
    from .views import followup_roadmaps

    roadmaps = followup_roadmaps(request.user, meeting)
    context = {
        "meeting": meeting,
        "milestones": _followups(request, meeting),
        "form": FollowupMilestoneForm(roadmaps=roadmaps),
        "has_roadmaps": roadmaps.exists(),
    }
    return render_to_string("roadmaps/_followup_panel.html", context, request=request)


def organization_recommendations(request, organization) -> str:
    recommendations = list(
        permissions.recommendations_visible_to(request.user)
        .filter(organization=organization)
        .order_by("-updated_at")[:20]
    )
    if not recommendations:
        return ""
    return render_to_string(
        "roadmaps/_organization_recommendations.html",
        {"recommendations": recommendations},
        request=request,
    )
