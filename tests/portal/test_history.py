"""Every change is traced to the person who made it, and staff can read it."""

import datetime

import pytest
from django.utils import timezone

from meetings.models import AgendaItem, Meeting
from partners.models import Organization

from ..factories import MeetingFactory, MembershipFactory, OrganizationFactory, RoadmapFactory

pytestmark = pytest.mark.django_db


def test_create_update_delete_are_recorded_with_the_acting_user(admin_client, admin_user):
    response = admin_client.post(
        "/admin/partners/organization/add/",
        {
            "name": "Conseil Régional du Tourisme de l'Oriental",
            "short_name": "CRT Oriental",
            "kind": "regional_council",
            "sector": "public_private",
            "is_active": "on",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    organization = Organization.objects.get(short_name="CRT Oriental")
    admin_client.post(
        f"/admin/partners/organization/{organization.pk}/change/",
        {
            "name": "Conseil Régional du Tourisme de l'Oriental",
            "short_name": "CRT Oriental",
            "kind": "regional_council",
            "sector": "public_private",
            "province": "Oujda",
            "is_active": "on",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    admin_client.post(f"/admin/partners/organization/{organization.pk}/delete/", {"post": "yes"})

    records = list(organization.history.order_by("history_date"))
    assert [r.history_type for r in records] == ["+", "~", "-"]
    assert {r.history_user for r in records} == {admin_user}
    assert records[1].diff_against(records[0]).changed_fields == ["province"]


def test_bulk_agenda_changes_keep_history(client, staff):
    meeting = MeetingFactory()
    client.force_login(staff)
    data = {
        "title": meeting.title,
        "kind": meeting.kind,
        "starts_at": timezone.localtime(meeting.starts_at).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": timezone.localtime(meeting.ends_at).strftime("%Y-%m-%dT%H:%M"),
        "organizer": meeting.organizer.pk,
        "version": meeting.version,
        "participants-TOTAL_FORMS": "0",
        "participants-INITIAL_FORMS": "0",
        "agenda-TOTAL_FORMS": "2",
        "agenda-INITIAL_FORMS": "0",
        "agenda-0-title": "Premier point",
        "agenda-1-title": "Second point",
    }
    assert client.post(f"/meetings/{meeting.pk}/edit/", data).status_code == 302

    created = AgendaItem.history.filter(meeting_id=meeting.pk, history_type="+")
    assert created.count() == 2
    assert {r.history_user for r in created} == {staff}
    assert Meeting.history.filter(id=meeting.pk, history_type="~", history_user=staff).exists()


def test_staff_see_the_history_panel_and_partners_do_not(client, staff, council_fes):
    organization = OrganizationFactory(short_name="AVANT")
    organization.short_name = "APRÈS"
    organization.save()
    MembershipFactory(person__user=council_fes, organization=organization)

    client.force_login(staff)
    page = client.get(f"/partners/{organization.pk}/").content.decode()
    assert "Historique" in page and "AVANT" in page and "APRÈS" in page

    client.force_login(council_fes)
    page = client.get(f"/partners/{organization.pk}/").content.decode()
    assert "Historique" not in page


def test_history_panels_on_roadmaps_and_meetings(client, staff):
    roadmap = RoadmapFactory(title="Ancien titre")
    roadmap.title = "Nouveau titre"
    roadmap.save()
    start = timezone.now() - datetime.timedelta(days=1)
    meeting = MeetingFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=1))
    client.force_login(staff)

    roadmap_page = client.get(f"/roadmaps/{roadmap.pk}/").content.decode()
    assert "Ancien titre" in roadmap_page
    assert "Historique" in client.get(f"/meetings/{meeting.pk}/").content.decode()
