"""What roadmaps add to meeting and organization pages (see the extensions modules)."""

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from meetings.models import Outcome

from . import permissions
from .forms import FollowupMilestoneForm
from .models import Milestone, Roadmap
from .selectors.actions import actionable_outcomes, tracked_outcomes


def _followups(request, meeting):
    return list(
        Milestone.objects.filter(
            source_meeting=meeting, roadmap__in=permissions.roadmaps_visible_to(request.user)
        ).select_related("roadmap", "roadmap__market", "owner")
    )


def _tracked(request, meeting):
    return tracked_outcomes(request.user, actionable_outcomes(request.user).filter(meeting=meeting))


def meeting_followups(request, meeting) -> str:
    """On the meeting's page: what became of its expectations, commitments and
    decisions, and its follow-up milestones."""
    milestones = _followups(request, meeting)
    tracked = _tracked(request, meeting)
    if not milestones and not tracked:
        return ""
    return render_to_string(
        "roadmaps/_meeting_followups.html",
        {"milestones": milestones, "tracked": tracked},
        request=request,
    )


LINKABLE_LIMIT = 200


def followup_form(request, meeting, data=None) -> FollowupMilestoneForm:
    """The outcomes screen's follow-up milestone form: roadmaps the user may add
    to, outcomes of this meeting a milestone may answer."""
    return FollowupMilestoneForm(
        data,
        roadmaps=permissions.followup_roadmaps(request.user, meeting),
        outcomes=meeting.outcomes.filter(kind__in=Outcome.ACTIONABLE),
    )


def meeting_followup_form(request, meeting, form=None, notice="") -> str:
    """On the outcomes screen: add follow-ups, answer each outcome with a new or an
    existing milestone, or close it with a written answer. Re-rendered alone
    (htmx) when a follow-up is added: `form` then carries what was typed and its
    errors, `notice` what was done; the minutes above are left as they are."""
    form = form or followup_form(request, meeting)
    roadmaps = form.fields["roadmap"].queryset
    context = {
        "meeting": meeting,
        "notice": notice,
        "milestones": _followups(request, meeting),
        "form": form,
        "has_roadmaps": roadmaps.exists(),
        "tracked": _tracked(request, meeting),
        "linkable": list(
            Milestone.objects.open()
            .filter(roadmap__in=roadmaps)
            .select_related("roadmap__market")
            .order_by("roadmap__market__code", "due_date", "pk")[:LINKABLE_LIMIT]
        ),
    }
    return render_to_string("roadmaps/_followup_panel.html", context, request=request)


def organization_expectations(request, organization) -> str:
    """What an organization asked or promised at meetings, and what became of it."""
    tracked = tracked_outcomes(
        request.user,
        actionable_outcomes(request.user)
        .filter(organization=organization)
        .exclude(kind="decision")[: OPEN_WORK_LIMIT * 2],
    )
    if not tracked:
        return ""
    return render_to_string(
        "roadmaps/_tracked_outcomes.html",
        {"tracked": tracked, "title": _("Expectations and commitments"), "show_meeting": True},
        request=request,
    )


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


OPEN_WORK_LIMIT = 15


def organization_open_work(request, organization) -> str:
    """A delegation's open milestones, those of its markets' roadmaps the viewer may
    see — whoever holds the mandate today."""
    if organization.kind != organization.Kind.DELEGATION:
        return ""  # only delegations cover markets
    market_ids = [market.pk for market in organization.markets.all()]
    if not market_ids:
        return ""
    milestones = (
        Milestone.objects.open()
        .filter(
            roadmap__in=permissions.roadmaps_visible_to(request.user).exclude(
                status=Roadmap.Status.CLOSED
            ),
            roadmap__market__in=market_ids,
        )
        .select_related("roadmap", "roadmap__market", "owner")
        .order_by("due_date", "pk")
    )
    shown = list(milestones[: OPEN_WORK_LIMIT + 1])
    if not shown:
        return ""
    return render_to_string(
        "roadmaps/_organization_open_work.html",
        {"milestones": shown[:OPEN_WORK_LIMIT], "more": len(shown) > OPEN_WORK_LIMIT},
        request=request,
    )
