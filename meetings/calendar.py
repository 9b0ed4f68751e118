"""iCalendar for meetings: one stable UID per meeting, SEQUENCE growing with each change."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from core.links import portal_url

from .models import Meeting

PRODID = "-//ONMT//Partner Portal//FR"


def meeting_event(meeting: Meeting) -> Event:
    zone = ZoneInfo(settings.TIME_ZONE)
    event = Event()
    event.add("uid", f"{meeting.uid}@onmt-portal")
    event.add("sequence", meeting.ics_sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at.astimezone(zone))
    event.add("dtend", meeting.ends_at.astimezone(zone))
    event.add("summary", meeting.title)
    if meeting.location:
        event.add("location", meeting.location)
    url = portal_url("meetings:detail", meeting.pk)
    event.add("url", url)
    event.add("description", f"{meeting.agenda}\n\n{url}".strip())
    event.add("status", "CANCELLED" if meeting.status == Meeting.Status.CANCELLED else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{settings.PORTAL_CALENDAR_EMAIL}")
    organizer.params["cn"] = vText(meeting.organizer.display_name)
    event.add("organizer", organizer)
    return event


def calendar_for(events, *, method: str | None = None) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    for event in events:
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def meeting_ics(meeting: Meeting, *, method: str | None = None) -> bytes:
    return calendar_for([meeting_event(meeting)], method=method)
