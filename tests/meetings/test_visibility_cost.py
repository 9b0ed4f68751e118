"""What a partner may see of the meetings is read from their own seats and their
organizations' (meetings/permissions.py): the same few rows whatever the number of
seats of everyone else."""

import pytest

from meetings.models import Meeting
from meetings.permissions import visible_meetings

from ..helpers.factories import (
    MeetingFactory,
    MembershipFactory,
    OrganizationFactory,
    ParticipantFactory,
)
from ..helpers.plans import analyze, rows_read

pytestmark = pytest.mark.django_db

SEATS = "meetings_participant"


def test_a_partner_reads_their_own_seats_not_everyone_elses(council_fes):
    crt_fes = OrganizationFactory(short_name="CRT Fès-Meknès")
    MembershipFactory(person__user=council_fes, organization=crt_fes, role="president")
    invited = MeetingFactory(title="Invité")
    ParticipantFactory(meeting=invited, person=council_fes.person, organization=None)
    represented = MeetingFactory(title="Représenté", status=Meeting.Status.PUBLISHED)
    ParticipantFactory(meeting=represented, organization=crt_fes)
    unpublished = MeetingFactory(title="Non publiée")
    ParticipantFactory(meeting=unpublished, organization=crt_fes)
    others = OrganizationFactory.create_batch(3)
    for meeting in MeetingFactory.create_batch(40, status=Meeting.Status.PUBLISHED):
        for organization in others:
            ParticipantFactory.create_batch(2, meeting=meeting, organization=organization)
    analyze(SEATS, "meetings_meeting", "partners_person")

    visible = visible_meetings(council_fes).order_by("title")

    assert [m.title for m in visible] == ["Invité", "Représenté"]
    # Their seat and their council's two: never the 240 seats of the others.
    assert rows_read(visible, SEATS) <= 3
