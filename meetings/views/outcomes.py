"""After the meeting: attendance, minutes and outcomes; held, published, cancelled."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from .. import permissions, services
from ..extensions import meeting_panels
from ..models import Outcome
from ..row_forms import OutcomesForms
from . import changeable_meeting


@require_http_methods(["GET", "POST"])
@changeable_meeting
def meeting_outcomes(request, meeting):
    participants = list(meeting.participants.select_related("person", "organization"))
    if request.method != "POST":
        forms = OutcomesForms.for_meeting(meeting, participants)
    else:
        forms, row_action = OutcomesForms.from_post(request.POST, participants)
        if not row_action and not forms.is_valid():
            messages.error(request, _("Nothing was saved: correct the rows marked below."))
        elif not row_action:
            try:
                services.meeting_log_outcomes(
                    meeting=meeting, **forms.service_arguments(), by=request.user
                )
            except ValidationError as exc:
                forms.minutes.add_error(None, exc)
                messages.error(request, exc.messages[0])
            else:
                messages.success(request, _("Attendance, minutes and outcomes are saved."))
                return redirect("meetings:outcomes", meeting.pk)
    context = {
        "meeting": meeting,
        "panels": meeting_panels("outcomes", request, meeting),
        **forms.context(),
    }
    return render(request, "meetings/outcomes.html", context)


TRANSITIONS = {
    "held": (services.meeting_mark_held, gettext_lazy("The meeting is marked as held.")),
    "publish": (
        services.meeting_publish,
        gettext_lazy("The minutes are published to the participants."),
    ),
    "cancel": (
        services.meeting_cancel,
        gettext_lazy("The meeting is cancelled; participants are told."),
    ),
}


@require_POST
def meeting_transition(request, pk):
    meeting = permissions.get_manageable_meeting(request.user, pk)
    transition = TRANSITIONS.get(request.POST.get("to", ""))
    if transition is None:
        messages.error(request, _("Unknown action."))
        return redirect("meetings:detail", meeting.pk)
    service, success = transition
    try:
        service(meeting=meeting, by=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, str(success))
    target = "meetings:outcomes" if request.POST.get("next") == "outcomes" else "meetings:detail"
    return redirect(target, meeting.pk)


@require_POST
def outcome_close(request, pk):
    """Close an outcome with ONMT's written answer, or reopen it (action=reopen)."""
    outcome = get_object_or_404(Outcome, pk=pk)
    meeting = permissions.get_manageable_meeting(request.user, outcome.meeting_id)
    try:
        if request.POST.get("action") == "reopen":
            services.outcome_reopen(outcome=outcome, by=request.user)
            messages.success(request, _("The outcome is open again."))
        else:
            services.outcome_close(
                outcome=outcome, answer=request.POST.get("answer", ""), by=request.user
            )
            messages.success(request, _("The outcome is closed with your answer."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(f"{reverse('meetings:outcomes', args=[meeting.pk])}#outcome-{outcome.pk}")
