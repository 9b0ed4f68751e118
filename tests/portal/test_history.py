"""Every change is traced to the person who made it, and staff can read it."""

import datetime

import pytest
from django.utils import timezone

from meetings.models import AgendaItem, Meeting
from partners.models import Organization

from ..helpers.factories import (
    MeetingFactory,
    MembershipFactory,
    OrganizationFactory,
    RecommendationFactory,
    RoadmapFactory,
)

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
    """Their pages load the panel when it is opened (htmx), from its own URL."""
    roadmap = RoadmapFactory(title="Ancien titre")
    roadmap.title = "Nouveau titre"
    roadmap.save()
    start = timezone.now() - datetime.timedelta(days=1)
    meeting = MeetingFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=1))
    client.force_login(staff)

    roadmap_page = client.get(f"/roadmaps/{roadmap.pk}/").content.decode()
    assert "Ancien titre" not in roadmap_page
    assert f'hx-get="/roadmaps/{roadmap.pk}/history/"' in roadmap_page
    panel = client.get(f"/roadmaps/{roadmap.pk}/history/", headers={"HX-Request": "true"})
    assert "Ancien titre" in panel.content.decode()
    assert "<html" not in panel.content.decode()  # the entries alone
    meeting_page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "Historique" in meeting_page
    assert f'hx-get="/meetings/{meeting.pk}/history/"' in meeting_page


def test_without_javascript_the_history_is_a_page_of_its_own(client, staff):
    recommendation = RecommendationFactory(title="Premier titre")
    recommendation.title = "Second titre"
    recommendation.save()
    client.force_login(staff)

    page = client.get(f"/recommendations/{recommendation.pk}/").content.decode()
    link = f'<a href="/recommendations/{recommendation.pk}/history/">Afficher l’historique</a>'
    assert link in page
    history = client.get(f"/recommendations/{recommendation.pk}/history/").content.decode()
    assert "<html" in history and "Premier titre" in history
    assert f'href="/recommendations/{recommendation.pk}/"' in history


def test_a_record_without_changes_says_so(client, staff):
    roadmap = RoadmapFactory()
    roadmap.history.all().delete()
    client.force_login(staff)

    panel = client.get(f"/roadmaps/{roadmap.pk}/history/", headers={"HX-Request": "true"})

    assert "Aucune modification enregistrée pour l’instant." in panel.content.decode()


def test_partners_get_neither_the_panel_nor_its_entries(client, council_fes):
    organization = MembershipFactory(person__user=council_fes).organization
    recommendation = RecommendationFactory(organization=organization, title="Titre d’avant")
    recommendation.title = "Titre d’après"
    recommendation.save()
    client.force_login(council_fes)

    page = client.get(f"/recommendations/{recommendation.pk}/").content.decode()
    assert "history-panel" not in page and "/history/" not in page
    refused = client.get(f"/recommendations/{recommendation.pk}/history/")
    assert refused.status_code == 403
    assert "Titre d’avant" not in refused.content.decode()


def test_services_record_who_acted_even_outside_a_request(staff):
    """A task, a command or the shell acting on someone's behalf: the services name
    `by` as the author of the change, as the middleware does for a request."""
    from meetings import services as meeting_services
    from partners import services as partner_services
    from roadmaps import services as roadmap_services

    from ..helpers.factories import ParticipantFactory, PersonFactory, RecommendationFactory

    meeting = MeetingFactory()
    participant = ParticipantFactory(meeting=meeting)
    meeting_services.meeting_log_outcomes(
        meeting=meeting,
        version=meeting.version,
        attendance={participant.pk: "excused"},
        minutes="Compte rendu",
        outcomes=[meeting_services.OutcomeRow(kind="decision", text="Décision")],
        by=staff,
    )
    cancelled = meeting_services.meeting_cancel(meeting=meeting, by=staff)
    recommendation = RecommendationFactory(status="accepted")
    implemented = roadmap_services.recommendation_mark_implemented(
        recommendation=recommendation, by=staff
    )
    MembershipFactory(person=(person := PersonFactory()), organization__kind="regional_council")
    partner_services.person_invite(person=person, by=staff)

    for changed in (cancelled, participant, meeting.outcomes.get(), implemented, person):
        assert changed.history.latest().history_user == staff, changed


def test_the_panel_shows_values_as_the_pages_do_and_no_empty_change(client, staff):
    """Choices by their label, links by their name, Markdown as text, dates in
    the reader's format; a save that changed nothing readable adds no line."""
    from ..helpers.factories import MandatedPersonFactory

    roadmap = RoadmapFactory(status="draft", owner__last_name="Premier")
    roadmap.status = "active"
    roadmap.owner = MandatedPersonFactory(last_name="Second")
    roadmap.ends_on = datetime.date(2031, 3, 9)
    roadmap.save()
    roadmap.save()  # the same values again: nothing a person reads changed
    client.force_login(staff)
    client.cookies["portal_language"] = "fr"
    panel = client.get(f"/roadmaps/{roadmap.pk}/history/").content.decode()
    assert "Brouillon" in panel and "Active" in panel and ">draft<" not in panel
    assert "Premier" in panel and "Second" in panel
    assert "9 mars 2031" in panel and "2031-03-09" not in panel
    assert panel.count('<li class="border-bottom py-1">') == 2  # created, then changed once

    meeting = MeetingFactory(minutes="")
    meeting.minutes = "**Décidé** : une _campagne_ de l'ONMT & du CNT"
    meeting.save()
    panel = client.get(f"/meetings/{meeting.pk}/history/").content.decode()
    assert "Décidé : une campagne de l&#x27;ONMT &amp; du CNT" in panel and "**" not in panel


def test_the_steps_the_forms_do_not_edit_are_in_the_history_too(client, staff):
    """A status, who decided and when are set by the services, not typed in a
    form (editable=False): the panel shows them all the same."""
    from meetings import services as meeting_services
    from roadmaps import services as roadmap_services

    recommendation = RecommendationFactory(status="submitted")
    recommendation = roadmap_services.recommendation_start_review(
        recommendation=recommendation, by=staff
    )
    roadmap_services.recommendation_decline(
        recommendation=recommendation, by=staff, response="Hors du périmètre."
    )
    meeting = MeetingFactory()
    meeting_services.meeting_cancel(meeting=meeting, by=staff)
    client.force_login(staff)

    panel = client.get(f"/recommendations/{recommendation.pk}/history/").content.decode()
    assert "<li>Statut" in panel  # the field's name, capitalised
    assert '<del dir="auto">Soumise</del> → <ins dir="auto">En examen</ins>' in panel
    assert '<ins dir="auto">Refusée</ins>' in panel
    assert "Hors du périmètre." in panel
    panel = client.get(f"/meetings/{meeting.pk}/history/").content.decode()
    assert '<ins dir="auto">Annulée</ins>' in panel
