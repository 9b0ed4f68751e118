"""Who sees which meeting, on every meetings URL."""

import datetime

import pytest
from django.utils import timezone

from meetings.models import Meeting
from partners.roles import Role

from ..helpers.factories import (
    MeetingFactory,
    MembershipFactory,
    OrganizationFactory,
    ParticipantFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(council_fes, council_rabat):
    """A published meeting CRT Fès-Meknès took part in; CRT Rabat did not."""
    crt_fes = OrganizationFactory(short_name="CRT Fès-Meknès")
    crt_rabat = OrganizationFactory(short_name="CRT Rabat")
    MembershipFactory(person__user=council_fes, organization=crt_fes, role="president")
    MembershipFactory(person__user=council_rabat, organization=crt_rabat, role="president")
    start = timezone.now() - datetime.timedelta(days=2)
    published = MeetingFactory(
        title="Réunion publiée", starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )
    # Fès took part through its organization, represented by someone else.
    ParticipantFactory(meeting=published, organization=crt_fes)
    Meeting.objects.filter(pk=published.pk).update(status="published")
    planned = MeetingFactory(title="Réunion prévue")
    ParticipantFactory(meeting=planned, organization=crt_fes)
    return {"published": published, "planned": planned}


def urls(meeting):
    return {
        "detail": f"/meetings/{meeting.pk}/",
        "ics": f"/meetings/{meeting.pk}/calendar.ics",
        "edit": f"/meetings/{meeting.pk}/edit/",
        "outcomes": f"/meetings/{meeting.pk}/outcomes/",
    }


def test_anonymous_is_sent_to_log_in(client, setting):
    for url in [*urls(setting["published"]).values(), "/meetings/", "/meetings/new/"]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_staff_may_do_everything(client, staff, setting):
    client.force_login(staff)
    for url in [*urls(setting["planned"]).values(), "/meetings/new/", "/meetings/people/search/"]:
        assert client.get(url).status_code == 200, url


def test_delegates_read_every_meeting_but_manage_none(client, delegate_fr, setting):
    client.force_login(delegate_fr)
    meeting = setting["planned"]
    assert client.get(urls(meeting)["detail"]).status_code == 200
    assert client.get(urls(meeting)["ics"]).status_code == 200
    assert client.get(urls(meeting)["edit"]).status_code == 403
    assert client.get(urls(meeting)["outcomes"]).status_code == 403
    assert client.get("/meetings/new/").status_code == 403
    assert client.get("/meetings/people/search/", {"people_q": "ab"}).status_code == 403
    response = client.post(f"/meetings/{meeting.pk}/status/", {"to": "cancel"})
    assert response.status_code == 403
    meeting.refresh_from_db()
    assert meeting.status == "planned"


def test_a_council_member_reads_published_meetings_their_organization_took_part_in(
    client, council_fes, setting
):
    client.force_login(council_fes)
    published = setting["published"]
    assert client.get(urls(published)["detail"]).status_code == 200
    assert client.get(urls(published)["ics"]).status_code == 200
    # Known to them, but not theirs to manage.
    assert client.get(urls(published)["edit"]).status_code == 403
    assert client.get(urls(published)["outcomes"]).status_code == 403
    # Not yet published: it does not exist for them.
    for url in urls(setting["planned"]).values():
        assert client.get(url).status_code == 404, url
    titles = [m.title for m in client.get("/meetings/", {"when": "past"}).context["page"]]
    assert titles == ["Réunion publiée"]
    upcoming = client.get("/meetings/", {"when": "upcoming"}).context["page"]
    assert [m.title for m in upcoming] == []


def test_a_council_member_of_another_organization_finds_nothing(client, council_rabat, setting):
    client.force_login(council_rabat)
    for meeting in setting.values():
        for url in urls(meeting).values():
            assert client.get(url).status_code == 404, url
    for when in ("upcoming", "past"):
        assert list(client.get("/meetings/", {"when": when}).context["page"]) == []


def test_a_user_without_role_is_refused(client, setting):
    client.force_login(UserFactory())
    assert client.get("/meetings/").status_code == 403
    assert client.get(urls(setting["published"])["detail"]).status_code == 404


def test_a_council_member_invited_in_person_sees_the_published_meeting(client, setting):
    user = UserFactory(role=Role.COUNCIL)
    # A council member today, invited in person (not on behalf of that council).
    MembershipFactory(person__user=user)
    ParticipantFactory(meeting=setting["published"], person__user=user)
    client.force_login(user)
    assert client.get(urls(setting["published"])["detail"]).status_code == 200
