"""A mandate handed over: the outgoing holder's rights end, their open work moves
to the successor (or to someone the admin picks), in one transaction."""

import datetime
import html
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from meetings.models import Participant
from partners import services
from partners.models import Membership
from roadmaps.models import Milestone, Recommendation, Roadmap

from ..helpers.factories import (
    MandatedPersonFactory,
    MarketFactory,
    MeetingFactory,
    MembershipFactory,
    MilestoneFactory,
    OrganizationFactory,
    ParticipantFactory,
    PersonFactory,
    RecommendationFactory,
    RoadmapFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def delegation_fr():
    """The France delegation, its delegate, and what the delegate holds."""
    fr, es = MarketFactory(code="FR"), MarketFactory(code="ES")
    delegation = OrganizationFactory(short_name="ONMT-FR", kind="delegation")
    delegation.markets.add(fr)
    user = UserFactory(username="delegue_sortant")
    mandate = MembershipFactory(
        person__user=user, organization=delegation, role="delegate", title="Délégué France"
    )
    delegate = mandate.person
    roadmap = RoadmapFactory(market=fr, owner=delegate, title="FdR France")
    MilestoneFactory(roadmap=roadmap, owner=delegate, title="Jalon France ouvert")
    MilestoneFactory(
        roadmap=roadmap,
        owner=delegate,
        title="Jalon France fait",
        status="done",
        progress=100,
        completed_on=datetime.date(2030, 2, 1),
    )
    spain = RoadmapFactory(market=es, owner=MandatedPersonFactory())
    return {"mandate": mandate, "user": user, "roadmap": roadmap, "spain": spain}


def test_the_delegates_open_work_moves_to_the_successor(delegation_fr):
    mandate = delegation_fr["mandate"]
    successor = PersonFactory(last_name="Nouveau")
    start = TODAY

    new = services.mandate_hand_over(mandate=mandate, successor=successor, start_date=start)

    mandate.refresh_from_db()
    assert mandate.end_date == start - datetime.timedelta(days=1)
    assert (new.person, new.role, new.title) == (successor, "delegate", "Délégué France")
    assert Roadmap.objects.get(pk=delegation_fr["roadmap"].pk).owner == successor
    assert Milestone.objects.get(title="Jalon France ouvert").owner == successor
    # Done work stays on the name of who did it.
    assert Milestone.objects.get(title="Jalon France fait").owner == mandate.person


def test_the_admin_may_give_each_kind_of_work_to_someone_else(delegation_fr):
    mandate = delegation_fr["mandate"]
    successor, interim = PersonFactory(), MandatedPersonFactory(last_name="Intérim")

    services.mandate_hand_over(
        mandate=mandate,
        successor=successor,
        start_date=TODAY,
        recipients={"milestones": interim},
    )

    assert Milestone.objects.get(title="Jalon France ouvert").owner == interim
    assert Roadmap.objects.get(pk=delegation_fr["roadmap"].pk).owner == successor


def test_only_what_the_mandate_carried_moves_when_the_person_keeps_another(delegation_fr):
    mandate = delegation_fr["mandate"]
    # The delegate also sits on a council, and owns a milestone of Spain's roadmap.
    MembershipFactory(person=mandate.person, organization__kind="regional_council")
    spain_milestone = MilestoneFactory(roadmap=delegation_fr["spain"], owner=mandate.person)

    services.mandate_hand_over(mandate=mandate, successor=PersonFactory(), start_date=TODAY)

    assert Milestone.objects.get(pk=spain_milestone.pk).owner == mandate.person


def test_a_council_presidents_drafts_and_invitations_follow_the_presidency():
    council = OrganizationFactory(short_name="CRT Rabat")
    mandate = MembershipFactory(organization=council, role="president")
    president = mandate.person
    draft = RecommendationFactory(organization=council, author=president, status="draft")
    decided = RecommendationFactory(organization=council, author=president, status="accepted")
    start = timezone.now() + datetime.timedelta(days=5)
    meeting = MeetingFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    ParticipantFactory(meeting=meeting, person=president, organization=council)
    successor = PersonFactory(last_name="Successeur")

    services.mandate_hand_over(mandate=mandate, successor=successor, start_date=TODAY)

    assert Recommendation.objects.get(pk=draft.pk).author == successor
    assert Recommendation.objects.get(pk=decided.pk).author == president  # history stays
    assert list(Participant.objects.filter(meeting=meeting).values_list("person", flat=True)) == [
        successor.pk
    ]


def test_a_refused_hand_over_changes_nothing(delegation_fr):
    mandate = delegation_fr["mandate"]
    with pytest.raises(ValidationError):
        services.mandate_hand_over(mandate=mandate, successor=mandate.person, start_date=TODAY)
    with pytest.raises(ValidationError):
        services.mandate_hand_over(
            mandate=mandate, successor=PersonFactory(), start_date=mandate.start_date
        )
    mandate.refresh_from_db()
    assert mandate.end_date is None
    assert Roadmap.objects.get(pk=delegation_fr["roadmap"].pk).owner == mandate.person
    assert Membership.objects.filter(organization=mandate.organization).count() == 1


def test_the_admin_screen_lists_what_they_hold_and_hands_it_over(admin_client, delegation_fr):
    mandate = delegation_fr["mandate"]
    successor, interim = PersonFactory(), MandatedPersonFactory()
    url = reverse("admin:partners_membership_hand_over", args=[mandate.pk])

    page = admin_client.get(url).content.decode()
    assert "Jalon France ouvert" in page and "FdR France" in page
    assert "Jalon France fait" not in page

    response = admin_client.post(
        url,
        {
            "person": successor.pk,
            "start_date": TODAY.isoformat(),
            "title": "",
            "give_milestones": interim.pk,
            "give_roadmaps": "",
        },
    )

    assert response.status_code == 302
    assert Milestone.objects.get(title="Jalon France ouvert").owner == interim
    assert Roadmap.objects.get(pk=delegation_fr["roadmap"].pk).owner == successor


def test_the_former_holder_is_refused_on_the_next_request(client, delegation_fr):
    client.force_login(delegation_fr["user"])
    assert client.get(f"/roadmaps/{delegation_fr['roadmap'].pk}/edit/").status_code == 200
    services.mandate_hand_over(
        mandate=delegation_fr["mandate"], successor=PersonFactory(), start_date=TODAY
    )
    # Refused: the roadmap no longer exists for them, and the rest says why.
    assert client.get(f"/roadmaps/{delegation_fr['roadmap'].pk}/edit/").status_code == 404
    assert client.get("/").status_code == 403


def test_the_delegations_page_keeps_showing_its_markets_open_work(client, staff, delegation_fr):
    services.mandate_hand_over(
        mandate=delegation_fr["mandate"], successor=PersonFactory(), start_date=TODAY
    )
    client.force_login(staff)
    page = client.get(f"/partners/{delegation_fr['mandate'].organization_id}/").content.decode()
    assert "Jalon France ouvert" in page


def test_the_successor_picker_never_offers_the_outgoing_holder(admin_client, delegation_fr):
    mandate = delegation_fr["mandate"]
    other = PersonFactory(first_name="Successeur", last_name=mandate.person.last_name)
    page = admin_client.get(
        reverse("admin:partners_membership_hand_over", args=[mandate.pk])
    ).content.decode()
    select = re.search(r'<select name="person"[^>]*>', page).group(0)
    ajax = html.unescape(re.search(r'data-ajax--url="([^"]+)"', select).group(1))
    assert ajax.endswith(f"?exclude={mandate.person_id}")

    # As select2 asks it: its parameters appended to the widget's URL.
    asked = {
        "term": mandate.person.last_name,
        "app_label": "partners",
        "model_name": "membership",
        "field_name": "person",
    }
    answer = admin_client.get(f"{ajax}&{urlencode(asked)}").json()

    offered = {int(result["id"]) for result in answer["results"]}
    assert other.pk in offered and mandate.person_id not in offered
