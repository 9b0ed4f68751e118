"""Answers to invitations: the signed link of the e-mail (accept, decline, send a
substitute; refused when expired, altered, for another participant, or once the
meeting started), the meeting page's form, answers reset by a new date, and the
attendance sheet starting from the answers."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from core import outbox
from meetings import services
from meetings.models import Meeting, Participant
from meetings.rsvp_links import participant_for, rsvp_token

from ..helpers.factories import (
    MeetingFactory,
    MembershipFactory,
    OrganizationFactory,
    ParticipantFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(db):
    """The president of CRT Fès-Meknès invited to a planned meeting; a colleague
    of the same council who may go in their place; someone of another council."""
    fes = OrganizationFactory(short_name="CRT Fès-Meknès", kind="regional_council")
    president = MembershipFactory(
        organization=fes, role="president", person__email="president@crt-fes.ma"
    ).person
    colleague = MembershipFactory(
        organization=fes, role="member", person__email="membre@crt-fes.ma", person__language="ar"
    ).person
    outsider = MembershipFactory(organization=OrganizationFactory(), role="president").person
    meeting = MeetingFactory(title="Atelier France")
    seat = ParticipantFactory(meeting=meeting, person=president, organization=fes)
    return {"seat": seat, "colleague": colleague, "outsider": outsider, "meeting": meeting}


def link(seat, token=None, participant_pk=None):
    token = token or rsvp_token(seat)
    return f"/meetings/{seat.meeting_id}/answer/{participant_pk or seat.pk}/{token}/"


def link_in(body, seat):
    """The answer link an e-mail carries for this seat, checked to answer for it.
    (Its token is signed with the time of signing, so it is read from the mail,
    not signed again here.)"""
    [token] = re.findall(rf"/meetings/{seat.meeting_id}/answer/{seat.pk}/([^/\s]+)/", body)
    assert participant_for(seat.meeting_id, seat.pk, token) == seat
    return link(seat, token)


def test_the_invitation_email_carries_the_signed_link(invitation):
    meeting = invitation["meeting"]
    services.meeting_update(
        meeting=meeting,
        version=meeting.version,
        fields={"title": "Atelier France (nouveau titre)"},
        markets=[],
        participants=[
            services.ParticipantRow(p.person, p.organization) for p in meeting.participants.all()
        ],
        agenda=[],
        by=None,
    )
    outbox.dispatch()

    [notice] = mail.outbox
    assert link_in(notice.body, invitation["seat"])


@pytest.mark.parametrize(
    ("response", "stored"), [("accepted", "accepted"), ("declined", "declined")]
)
def test_the_link_accepts_or_declines_without_logging_in(client, invitation, response, stored):
    seat = invitation["seat"]

    page = client.get(link(seat))
    assert page.status_code == 200
    assert "Atelier France" in page.content.decode()
    answered = client.post(link(seat), {"response": response})

    assert answered.status_code == 302
    seat.refresh_from_db()
    assert (seat.response, seat.responded_at is not None) == (stored, True)
    assert seat.history.first().history_user is None  # answered through the link


def test_the_link_sends_a_substitute_who_is_invited_with_the_calendar_file(client, invitation):
    seat, colleague = invitation["seat"], invitation["colleague"]

    response = client.post(link(seat), {"response": "substituted", "substitute": colleague.pk})

    assert response.status_code == 302
    seat.refresh_from_db()
    assert (seat.response, seat.substitute) == ("substituted", colleague)
    substitute_seat = Participant.objects.get(meeting=seat.meeting, person=colleague)
    assert substitute_seat.organization_id == seat.organization_id
    outbox.dispatch()
    [invitation_mail] = [m for m in mail.outbox if "membre@crt-fes.ma" in m.to]
    assert invitation_mail.extra_headers["Content-Language"] == "ar"
    [(name, content, _mimetype)] = invitation_mail.attachments
    assert name == "invitation.ics" and "BEGIN:VCALENDAR" in str(content)
    assert rsvp_token(substitute_seat) in invitation_mail.body  # their own link
    # The answer is the substitute's to give now.
    again = client.post(link(seat), {"response": "accepted"})
    assert again.status_code == 200
    seat.refresh_from_db()
    assert seat.response == "substituted"


def test_a_substitute_from_another_organization_is_refused(client, invitation):
    seat = invitation["seat"]

    response = client.post(
        link(seat), {"response": "substituted", "substitute": invitation["outsider"].pk}
    )

    assert response.status_code == 200
    seat.refresh_from_db()
    assert seat.response == "pending"
    assert not Participant.objects.filter(person=invitation["outsider"]).exists()


def test_an_altered_link_is_refused(client, invitation):
    seat = invitation["seat"]
    token = rsvp_token(seat)
    altered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")

    response = client.post(link(seat, altered), {"response": "accepted"})

    assert response.status_code == 404
    assert "pas valide" in response.content.decode()
    seat.refresh_from_db()
    assert seat.response == "pending"


def test_a_link_used_for_another_participant_is_refused(client, invitation):
    seat = invitation["seat"]
    other = ParticipantFactory(meeting=seat.meeting)

    response = client.post(link(seat, participant_pk=other.pk), {"response": "declined"})

    assert response.status_code == 404
    other.refresh_from_db()
    assert other.response == "pending"


def test_a_link_is_refused_once_the_meeting_started(client, invitation):
    seat = invitation["seat"]
    token = rsvp_token(seat)
    started = timezone.now() - datetime.timedelta(minutes=5)
    Meeting.objects.filter(pk=seat.meeting_id).update(
        starts_at=started, ends_at=started + datetime.timedelta(hours=2)
    )

    response = client.post(link(seat, token), {"response": "accepted"})

    assert response.status_code == 410
    seat.refresh_from_db()
    assert seat.response == "pending"


def test_a_new_date_resets_the_answers_expires_old_links_and_says_so(client, invitation):
    seat = invitation["seat"]
    old_link = link(seat)
    client.post(old_link, {"response": "accepted"})
    meeting = Meeting.objects.get(pk=seat.meeting_id)
    later = meeting.starts_at + datetime.timedelta(days=2)

    services.meeting_update(
        meeting=meeting,
        version=meeting.version,
        fields={"starts_at": later, "ends_at": later + datetime.timedelta(hours=3)},
        markets=[],
        participants=[services.ParticipantRow(seat.person, seat.organization)],
        agenda=[],
        by=None,
    )
    outbox.dispatch()

    seat.refresh_from_db()
    assert seat.response == "pending"
    assert client.post(old_link, {"response": "declined"}).status_code == 410
    [update] = mail.outbox
    assert "votre réponse vous est demandée à nouveau" in update.body
    fresh_link = link_in(update.body, seat)
    assert fresh_link != old_link
    assert client.post(fresh_link, {"response": "declined"}).status_code == 302


def test_the_invitee_answers_from_the_meeting_page_and_reads_its_agenda(client, invitation):
    seat = invitation["seat"]
    user = UserFactory(username="president-fes")
    seat.person.user = user
    seat.person.save()
    client.force_login(user)

    page = client.get(f"/meetings/{seat.meeting_id}/")
    assert page.status_code == 200  # a planned meeting, readable by its invitee
    assert 'name="response"' in page.content.decode()
    response = client.post(f"/meetings/{seat.meeting_id}/rsvp/", {"response": "declined"})

    assert response.status_code == 302
    seat.refresh_from_db()
    assert seat.response == "declined"


def test_someone_not_invited_cannot_answer_or_read_a_planned_meeting(client, invitation):
    seat = invitation["seat"]
    user = UserFactory(username="outsider")
    invitation["outsider"].user = user
    invitation["outsider"].save()
    client.force_login(user)

    assert client.get(f"/meetings/{seat.meeting_id}/").status_code == 404
    assert (
        client.post(f"/meetings/{seat.meeting_id}/rsvp/", {"response": "accepted"}).status_code
        == 404
    )


def test_the_attendance_sheet_starts_from_the_answers(invitation):
    seat = invitation["seat"]
    declined = ParticipantFactory(meeting=seat.meeting)
    services.participant_respond(participant=seat, response="accepted", by=None)
    services.participant_respond(participant=declined, response="declined", by=None)
    seat.refresh_from_db()
    declined.refresh_from_db()

    assert seat.expected_attendance == "attended"
    assert declined.expected_attendance == "excused"
