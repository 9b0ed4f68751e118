"""Private calendar feeds: /calendar/<token>.ics, the meetings a person is invited
to and the milestones they own. The token is the credential (calendar programs
cannot log in); it is revocable from the profile page."""

import datetime

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET
from icalendar import Event

from core.links import absolute_url
from meetings.calendar import calendar_for, meeting_event
from meetings.models import Meeting
from meetings.permissions import visible_meetings
from partners.models import Person
from roadmaps.models import Milestone
from roadmaps.permissions import roadmaps_visible_to


def milestone_event(milestone: Milestone) -> Event:
    event = Event()
    event.add("uid", f"milestone-{milestone.pk}@onmt-portal")
    event.add("dtstamp", milestone.updated_at)
    event.add("dtstart", milestone.due_date)
    event.add("dtend", milestone.due_date + datetime.timedelta(days=1))
    event.add("summary", f"{milestone.title} ({milestone.roadmap.market.code})")
    url = absolute_url(milestone.get_absolute_url())
    event.add("url", url)
    event.add("description", f"{milestone.roadmap.title} — {milestone.progress} %\n{url}")
    return event


@login_not_required
@require_GET
def calendar_feed(request, token):
    person = (
        Person.objects.select_related("user")
        .filter(calendar_token=Person.calendar_token_digest(token), is_active=True)
        .exclude(calendar_token="")
        .first()
    )
    if person is None or person.user is None or not person.user.is_active:
        raise Http404
    user = person.user
    meetings = (
        visible_meetings(user)
        .filter(participants__person=person)
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("organizer")
        .distinct()
    )
    milestones = (
        Milestone.objects.open()
        .filter(owner=person, roadmap__in=roadmaps_visible_to(user))
        .select_related("roadmap__market")
    )
    body = calendar_for(
        [*(meeting_event(m) for m in meetings), *(milestone_event(m) for m in milestones)]
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response
