"""From what partners said to what was done: an expectation of CRT Fès-Meknès at
the 8 July meeting answered by a milestone, followed on the council's page from
in progress to done, its president e-mailed once; outcomes closed with a written
answer; nothing answered can be removed; nobody sees an action they may not."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from core import outbox
from core.models import OutboxMessage
from meetings.models import Meeting, Outcome
from roadmaps.models import Milestone
from roadmaps.selectors.actions import tracked_outcomes

from ..helpers.factories import (
    MarketFactory,
    MeetingFactory,
    MembershipFactory,
    MilestoneFactory,
    OrganizationFactory,
    ParticipantFactory,
    RoadmapFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
JULY_8 = timezone.make_aware(datetime.datetime(2022, 7, 8, 10))


@pytest.fixture
def july(staff):
    """The 8 July meeting, published, with an expectation of CRT Fès-Meknès about
    France; the CRT's president has an account; France's 2030 roadmap is open."""
    france = MarketFactory(code="FR")
    fes = OrganizationFactory(short_name="CRT Fès-Meknès", kind="regional_council")
    president_user = UserFactory(username="crt.fes")
    president = MembershipFactory(
        organization=fes,
        role="president",
        person__user=president_user,
        person__email="aziz@crt-fes.ma",
    ).person
    meeting = MeetingFactory(
        title="Rencontre du 8 juillet",
        starts_at=JULY_8,
        ends_at=JULY_8 + datetime.timedelta(hours=7),
        created_by=staff,
    )
    meeting.markets.add(france)
    ParticipantFactory(meeting=meeting, person=president, organization=fes)
    Meeting.objects.filter(pk=meeting.pk).update(status="published")
    expectation = Outcome.objects.create(
        meeting=meeting,
        kind="expectation",
        text="Faire connaître Fès aux tour-opérateurs français",
        organization=fes,
        market=france,
    )
    roadmap = RoadmapFactory(market=france, title="Feuille de route France 2030")
    return {
        "meeting": meeting,
        "expectation": expectation,
        "fes": fes,
        "president": president_user,
        "roadmap": roadmap,
    }


def state_on_council_page(client, july):
    client.force_login(july["president"])
    page = client.get(f"/partners/{july['fes'].pk}/").content.decode()
    marker = f'data-outcome="{july["expectation"].pk}"'
    assert marker in page
    chunk = page[page.index(marker) :]
    return chunk[chunk.index('data-state="') + 12 :].split('"')[0]


def test_an_expectation_is_answered_followed_and_its_president_told_once(client, staff, july):
    assert state_on_council_page(client, july) == "no_action"

    client.force_login(staff)
    response = client.post(
        f"/roadmaps/from-meeting/{july['meeting'].pk}/",
        {
            "roadmap": july["roadmap"].pk,
            "title": "Eductour des tour-opérateurs à Fès",
            "due_date": "2030-04-30",
            "outcome": july["expectation"].pk,
        },
    )
    assert response.status_code == 302
    action = Milestone.objects.get(title="Eductour des tour-opérateurs à Fès")
    assert action.source_outcome == july["expectation"]
    assert state_on_council_page(client, july) == "open"

    client.force_login(staff)
    client.post(f"/roadmaps/milestones/{action.pk}/progress/", {"progress": "50"})
    assert state_on_council_page(client, july) == "in_progress"
    client.force_login(staff)
    client.post(f"/roadmaps/milestones/{action.pk}/progress/", {"progress": "100"})
    assert state_on_council_page(client, july) == "done"

    # Back and forth: the president hears of it once.
    client.force_login(staff)
    client.post(f"/roadmaps/milestones/{action.pk}/progress/", {"progress": "80"})
    client.post(f"/roadmaps/milestones/{action.pk}/progress/", {"progress": "100"})
    assert OutboxMessage.objects.filter(kind="roadmaps.action_done").count() == 1
    outbox.dispatch()
    [notice] = mail.outbox
    assert notice.to == ["aziz@crt-fes.ma"]
    assert "Faire connaître Fès aux tour-opérateurs français" in notice.body
    assert "Eductour des tour-opérateurs à Fès" in notice.body


def test_an_existing_milestone_answers_an_outcome(client, staff, july):
    existing = MilestoneFactory(roadmap=july["roadmap"], title="Campagne de printemps")
    client.force_login(staff)

    client.post(f"/roadmaps/outcomes/{july['expectation'].pk}/answer/", {"milestone": existing.pk})

    existing.refresh_from_db()
    assert existing.source_outcome == july["expectation"]


def test_a_milestone_of_another_market_answers_nothing(client, staff, july):
    spain = RoadmapFactory(market=MarketFactory(code="ES"))
    elsewhere = MilestoneFactory(roadmap=spain)
    client.force_login(staff)

    client.post(f"/roadmaps/outcomes/{july['expectation'].pk}/answer/", {"milestone": elsewhere.pk})

    elsewhere.refresh_from_db()
    assert elsewhere.source_outcome is None


def test_onmt_closes_an_outcome_with_a_written_answer_and_reopens_it(client, staff, july):
    client.force_login(staff)
    url = f"/meetings/outcomes/{july['expectation'].pk}/close/"

    client.post(url, {"answer": ""})  # an answer is required
    july["expectation"].refresh_from_db()
    assert july["expectation"].closed_at is None
    client.post(url, {"answer": "Non retenu : hors du périmètre de l'ONMT."})
    july["expectation"].refresh_from_db()
    assert july["expectation"].closed_by == staff

    assert state_on_council_page(client, july) == "closed"
    page = client.get(f"/partners/{july['fes'].pk}/").content.decode()
    assert "hors du périmètre" in page
    client.force_login(staff)
    client.post(url, {"action": "reopen"})
    assert state_on_council_page(client, july) == "no_action"


def test_only_onmt_staff_close_an_outcome(client, july):
    client.force_login(july["president"])

    response = client.post(
        f"/meetings/outcomes/{july['expectation'].pk}/close/", {"answer": "Clos par moi"}
    )

    assert response.status_code == 403
    july["expectation"].refresh_from_db()
    assert july["expectation"].closed_at is None


def test_an_answered_outcome_cannot_be_removed(client, staff, july):
    MilestoneFactory(roadmap=july["roadmap"], source_outcome=july["expectation"])
    Meeting.objects.filter(pk=july["meeting"].pk).update(status="held")
    client.force_login(staff)
    meeting = Meeting.objects.get(pk=july["meeting"].pk)

    response = client.post(
        f"/meetings/{meeting.pk}/outcomes/",
        {
            "version": meeting.version,
            "minutes": "Compte rendu",
            "attendance-TOTAL_FORMS": "0",
            "attendance-INITIAL_FORMS": "0",
            "outcomes-TOTAL_FORMS": "0",
            "outcomes-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert "ne peut pas être supprimé" in response.content.decode()
    assert Outcome.objects.filter(pk=july["expectation"].pk).exists()


def test_the_state_counts_every_action_but_shows_only_those_one_may_see(july):
    draft = RoadmapFactory(
        market=july["roadmap"].market,
        status="draft",
        starts_on=datetime.date(2031, 1, 1),
        ends_on=datetime.date(2031, 12, 31),
    )
    MilestoneFactory(roadmap=draft, source_outcome=july["expectation"], title="Brouillon")

    [tracked] = tracked_outcomes(july["president"], [july["expectation"]])

    assert tracked.state == "open"
    assert tracked.actions == []  # a council member never sees a draft roadmap
