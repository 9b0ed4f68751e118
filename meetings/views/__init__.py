"""The meetings' screens, by concern: pages (read), planning (create, edit),
outcomes (attendance, minutes, outcomes, the lifecycle)."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect

from .. import permissions, services


def changeable_meeting(view):
    """For the screens that change a meeting: 404 or 403 as get_manageable_meeting
    says, and a meeting the services no longer let change (cancelled) sends back
    to its page with the reason. The view receives the meeting."""

    @wraps(view)
    def wrapper(request, pk):
        meeting = permissions.get_manageable_meeting(request.user, pk)
        try:
            services.meeting_check_changeable(meeting)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
            return redirect("meetings:detail", meeting.pk)
        return view(request, meeting)

    return wrapper
