"""Invitations and minutes go out through Celery after commit, one per person, in their language."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone
from icalendar import Calendar

from meetings import services
from meetings.models import Participant

from ..helpers.factories import OrganizationFactory, PersonFactory, UserFactory
from ..helpers.mail import read_mails, wait_for
from ..helpers.workers import purge_default_queue, queued, start_worker, stop_worker

pytestmark = pytest.mark.django_db(transaction=True)


def plan(by, people, *, start):
    return services.meeting_create(
        fields={
            "title": "Task force ONMT",
            "kind": "task_force",
            "starts_at": start,
            "ends_at": start + datetime.timedelta(hours=2),
            "location": "Casablanca",
            "organizer": OrganizationFactory(short_name="ONMT", name="Office National"),
        },
        markets=[],
        participants=[services.ParticipantRow(person, None) for person in people],
        agenda=[services.AgendaRow("Tour de table")],
        by=by,
    )


def test_invitations_are_queued_after_commit_and_delivered_by_a_worker_in_each_language(
    tmp_path, mail_dir
):
    purge_default_queue()
    staff = UserFactory(username="planner")
    french = PersonFactory(email="fr@example.ma", language="fr")
    arabic = PersonFactory(email="ar@example.ma", language="ar")
    no_email = PersonFactory(email="")
    start = timezone.now() + datetime.timedelta(days=3)

    # A save that rolls back queues nothing.
    with pytest.raises(RuntimeError), transaction.atomic():
        plan(staff, [french, arabic], start=start)
        raise RuntimeError("rolled back")
    assert queued() == 0

    meeting = plan(staff, [french, arabic, no_email], start=start)
    assert queued() == 2  # one per person with an address

    worker = start_worker(tmp_path, extra_env={"EMAIL_FILE_PATH": str(mail_dir)})
    try:
        mails = wait_for(lambda: len(read_mails(mail_dir)) >= 2 and read_mails(mail_dir))
    finally:
        stop_worker(worker)

    by_recipient = {mail["To"]: mail for mail in mails}
    assert sorted(by_recipient) == ["ar@example.ma", "fr@example.ma"]
    assert by_recipient["fr@example.ma"]["Subject"] == "Invitation : Task force ONMT"
    assert by_recipient["ar@example.ma"]["Subject"] == "دعوة: Task force ONMT"
    body = by_recipient["fr@example.ma"].get_body(preferencelist=("plain",)).get_content()
    assert "vous invite" in body
    ics = next(
        part
        for part in by_recipient["fr@example.ma"].iter_attachments()
        if part.get_content_type() == "text/calendar"
    )
    event = Calendar.from_ical(ics.get_content()).walk("VEVENT")[0]
    assert str(event["UID"]) == f"{meeting.uid}@onmt-portal"
    assert event.decoded("DTSTART").tzinfo.key == "Africa/Casablanca"
    assert event.decoded("DTSTART") == start.replace(microsecond=0)


def test_publishing_sends_each_participant_one_link_to_the_minutes(tmp_path, mail_dir):
    purge_default_queue()
    staff = UserFactory(username="planner")
    people = [PersonFactory(email=f"p{i}@example.ma") for i in range(3)]
    meeting = plan(staff, people, start=timezone.now() - datetime.timedelta(hours=4))
    services.meeting_mark_held(meeting=meeting, by=staff)
    Participant.objects.filter(meeting=meeting).update(attendance="attended")
    purge_default_queue()  # the invitations are not what this test reads

    services.meeting_publish(meeting=meeting, by=staff)

    worker = start_worker(tmp_path, extra_env={"EMAIL_FILE_PATH": str(mail_dir)})
    try:
        mails = wait_for(lambda: len(read_mails(mail_dir)) >= 3 and read_mails(mail_dir))
    finally:
        stop_worker(worker)
    assert sorted(mail["To"] for mail in mails) == [p.email for p in people]
    assert all(mail["Subject"].startswith("Compte rendu publié") for mail in mails)
    assert all(
        f"/meetings/{meeting.pk}/" in mail.get_body(("plain",)).get_content() for mail in mails
    )
