"""The meetings not over yet, by start (the dashboard's next meetings, the list's
upcoming tab): those under way, then the next to start — the same rows as
sorting every meeting that has not ended, read through two indexes that stop at
a few rows however many meetings there are. The meetings over, the latest first
(the list's past tab), the same way (meetings/models.py)."""

import datetime
import random

import pytest
from django.utils import timezone

from meetings.models import Meeting
from partners.roles import Role

from ..helpers.factories import (
    MeetingFactory,
    MembershipFactory,
    ParticipantFactory,
    UserFactory,
)
from ..helpers.plans import analyze, rows_read

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)
MEETINGS = "meetings_meeting"


def meeting(title, start, hours=3, **fields):
    return MeetingFactory(title=title, starts_at=start, ends_at=start + hours * HOUR, **fields)


def first(queryset, count, now):
    return list(queryset.upcoming(now=now).order_by("starts_at", "pk")[:count])


def latest(queryset, count, now):
    return list(queryset.past(now=now).order_by("-starts_at", "-pk")[:count])


def reference(queryset, count, now):
    """Every meeting that has not ended, sorted by start."""
    return list(queryset.filter(ends_at__gte=now).order_by("starts_at", "pk")[:count])


def test_under_way_first_then_the_next_to_start_never_the_past_nor_the_cancelled():
    now = timezone.now()
    meeting("Terminée", now - 5 * HOUR, hours=2)
    summit = meeting("Salon de quatre jours", now - 48 * HOUR, hours=96)
    workshop = meeting("Atelier en cours", now - HOUR, hours=2)
    ending = meeting("Se termine maintenant", now - 2 * HOUR, hours=2)
    meeting("Annulée", now + HOUR, status=Meeting.Status.CANCELLED)
    later = [meeting(f"Plus tard {n}", now + (n + 2) * HOUR) for n in range(4)]

    shown = first(Meeting.objects.exclude(status="cancelled"), 5, now)

    assert [m.title for m in shown] == [m.title for m in [summit, ending, workshop, *later[:2]]]
    assert first(Meeting.objects.all(), 2, now) == [summit, ending]


def test_the_same_rows_as_sorting_every_meeting_still_to_come_or_over():
    rng = random.Random(2022)
    base = timezone.now().replace(microsecond=0)
    for n in range(120):
        start = base + rng.randint(-400, 400) * HOUR
        meeting(f"R{n}", start, hours=rng.choice([1, 3, 8, 30, 200]))
    meeting("Même début A", base + 7 * HOUR)
    meeting("Même début B", base + 7 * HOUR)
    meetings = Meeting.objects.all()
    for hours in range(-450, 450, 17):
        now = base + hours * HOUR
        for count in (1, 5, 12):
            assert first(meetings, count, now) == reference(meetings, count, now), (hours, count)
            over = meetings.filter(ends_at__lt=now).order_by("-starts_at", "-pk")[:count]
            assert latest(meetings, count, now) == list(over), (hours, count)


def test_what_is_read_does_not_grow_with_past_or_future_meetings():
    now = timezone.now()
    meeting("En cours", now - HOUR, hours=4)
    meeting("Annulée", now + HOUR, status=Meeting.Status.CANCELLED)
    for n in range(6):
        meeting(f"Bientôt {n}", now + (n + 2) * HOUR)
    # The five shown, the one under way found again by the bound, the cancelled one.
    bound = 5 + 1 + 1
    for batch in range(2):
        for n in range(100):
            meeting(f"Passée {batch}-{n}", now - (batch * 100 + n + 10) * 24 * HOUR)
            meeting(f"À venir {batch}-{n}", now + (batch * 100 + n + 10) * 24 * HOUR)
        analyze(MEETINGS)
        shown = (
            Meeting.objects.upcoming(now=now)
            .exclude(status="cancelled")
            .order_by("starts_at", "pk")[:5]
        )
        assert rows_read(shown, MEETINGS) <= bound
        # The five latest over, and the one under way, which started before now.
        latest_over = Meeting.objects.past(now=now).order_by("-starts_at", "-pk")[:5]
        assert rows_read(latest_over, MEETINGS) <= 5 + 1
    # Without the bounds on the start: every past meeting, or every one to come.
    unbounded = Meeting.objects.filter(ends_at__gte=now).order_by("starts_at", "pk")[:5]
    assert rows_read(unbounded, MEETINGS) > 200
    unbounded = Meeting.objects.filter(ends_at__lt=now).order_by("-starts_at", "-pk")[:5]
    assert rows_read(unbounded, MEETINGS) > 200


def test_the_dashboard_shows_them_to_whoever_may_see_them(client, staff):
    now = timezone.now()
    summit = meeting("Salon en cours (démo)", now - 24 * HOUR, hours=48)
    planned = meeting("Comité de pilotage (démo)", now + 24 * HOUR)
    meeting("Réunion passée (démo)", now - 48 * HOUR)
    member, outsider = (UserFactory(role=Role.COUNCIL, username=name) for name in "ab")
    for user in (member, outsider):
        MembershipFactory(person__user=user, role="president")
    ParticipantFactory(meeting=planned, person=member.person)

    client.force_login(staff)
    page = client.get("/").content.decode()
    assert page.index(summit.title) < page.index(planned.title)
    assert "Réunion passée" not in page

    client.force_login(member)
    page = client.get("/").content.decode()
    assert planned.title in page and summit.title not in page

    client.force_login(outsider)
    page = client.get("/").content.decode()
    assert "(démo)" not in page
