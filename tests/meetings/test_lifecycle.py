"""planned → held → published, or cancelled from planned — only through the services."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from meetings import services
from meetings.models import Meeting, Participant

from ..helpers.factories import (
    MeetingFactory,
    OrganizationFactory,
    ParticipantFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def past_meeting(**kwargs):
    start = timezone.now() - datetime.timedelta(hours=5)
    return MeetingFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2), **kwargs)


def test_full_lifecycle_planned_held_published(staff):
    meeting = past_meeting()
    participant = ParticipantFactory(meeting=meeting)

    services.meeting_mark_held(meeting=meeting, by=staff)
    Participant.objects.filter(pk=participant.pk).update(attendance="attended")
    published = services.meeting_publish(meeting=meeting, by=staff)

    assert published.status == Meeting.Status.PUBLISHED
    assert published.published_at is not None


def test_publishing_requires_attendance_for_every_participant(staff):
    meeting = past_meeting()
    ParticipantFactory(meeting=meeting, attendance="attended")
    missing = ParticipantFactory(meeting=meeting, person__last_name="Oubli")
    services.meeting_mark_held(meeting=meeting, by=staff)

    with pytest.raises(ValidationError, match="Oubli"):
        services.meeting_publish(meeting=meeting, by=staff)

    meeting.refresh_from_db()
    missing.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    assert missing.attendance == "invited"


@pytest.mark.parametrize(
    ("start", "service", "message"),
    [
        ("planned", services.meeting_publish, "cannot become"),
        ("held", services.meeting_mark_held, "cannot become"),
        ("held", services.meeting_cancel, "cannot become"),
        ("published", services.meeting_cancel, "cannot become"),
        ("cancelled", services.meeting_mark_held, "cannot become"),
        ("cancelled", services.meeting_publish, "cannot become"),
    ],
)
def test_forbidden_transitions_are_refused(staff, start, service, message):
    meeting = past_meeting()
    Meeting.objects.filter(pk=meeting.pk).update(status=start)

    with pytest.raises(ValidationError, match=message):
        service(meeting=meeting, by=staff)

    meeting.refresh_from_db()
    assert meeting.status == start


def test_a_future_meeting_cannot_be_marked_held(staff):
    meeting = MeetingFactory()  # next week
    with pytest.raises(ValidationError, match="not started yet"):
        services.meeting_mark_held(meeting=meeting, by=staff)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED


def test_a_planned_meeting_can_be_cancelled(staff):
    meeting = MeetingFactory()
    cancelled = services.meeting_cancel(meeting=meeting, by=staff)
    assert cancelled.status == Meeting.Status.CANCELLED
    assert cancelled.ics_sequence == 1


def test_database_refuses_a_meeting_that_ends_before_it_starts():
    start = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingFactory(starts_at=start, ends_at=start - datetime.timedelta(minutes=1))


def test_service_refuses_a_meeting_that_ends_before_it_starts(staff):
    start = timezone.now()
    with pytest.raises(ValidationError, match="must end after it starts"):
        services.meeting_create(
            fields={
                "title": "Réunion",
                "kind": "workshop",
                "starts_at": start,
                "ends_at": start,
                "organizer": OrganizationFactory(),
            },
            markets=[],
            participants=[],
            agenda=[],
            by=staff,
        )
    assert Meeting.objects.count() == 0


def test_database_refuses_a_person_listed_twice():
    participant = ParticipantFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Participant.objects.create(meeting=participant.meeting, person=participant.person)


def test_service_refuses_a_person_listed_twice(staff):
    person = PersonFactory()
    organizer = OrganizationFactory()
    with pytest.raises(ValidationError, match="only once"):
        services.meeting_create(
            fields={
                "title": "Réunion",
                "kind": "workshop",
                "starts_at": timezone.now(),
                "ends_at": timezone.now() + datetime.timedelta(hours=1),
                "organizer": organizer,
            },
            markets=[],
            participants=[
                services.ParticipantRow(person, None),
                services.ParticipantRow(person, organizer),
            ],
            agenda=[],
            by=staff,
        )
    assert Meeting.objects.count() == 0


def test_a_stale_update_is_refused_and_changes_nothing(staff):
    meeting = MeetingFactory(title="Avant")
    first_form_version = meeting.version
    fields = {
        "title": "Première modification",
        "kind": meeting.kind,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "location": meeting.location,
        "organizer": meeting.organizer,
        "agenda": "",
    }
    services.meeting_update(
        meeting=Meeting.objects.get(pk=meeting.pk),
        version=first_form_version,
        fields=fields,
        markets=[],
        participants=[],
        agenda=[],
        by=staff,
    )

    with pytest.raises(ValidationError) as excinfo:
        services.meeting_update(
            meeting=Meeting.objects.get(pk=meeting.pk),
            version=first_form_version,
            fields={**fields, "title": "Seconde modification"},
            markets=[],
            participants=[],
            agenda=[],
            by=staff,
        )

    assert excinfo.value.code == "stale"
    assert Meeting.objects.get(pk=meeting.pk).title == "Première modification"


def test_rescheduling_bumps_the_calendar_sequence_but_keeps_the_uid(staff):
    meeting = MeetingFactory()
    uid = meeting.uid
    services.meeting_update(
        meeting=meeting,
        version=meeting.version,
        fields={
            "starts_at": meeting.starts_at + datetime.timedelta(days=1),
            "ends_at": meeting.ends_at + datetime.timedelta(days=1),
        },
        markets=[],
        participants=[],
        agenda=[],
        by=staff,
    )
    meeting.refresh_from_db()
    assert meeting.uid == uid
    assert meeting.ics_sequence == 1
