"""A market's page: its figures with source and definition, recovery, targets, work
and meetings — as far as the viewer may see — in a fixed number of queries."""

import datetime

import pytest
from django.utils import timezone

from meetings.models import Meeting
from roadmaps.models import Target

from ..helpers.factories import (
    MarketFactory,
    MeetingFactory,
    MembershipFactory,
    MilestoneFactory,
    OrganizationFactory,
    ParticipantFactory,
    RecommendationFactory,
    RoadmapFactory,
)
from ..helpers.figures import figure, pct

pytestmark = pytest.mark.django_db


@pytest.fixture
def france(db):
    fr = MarketFactory(code="FR", name="France")
    figure(fr, "arrivals", 2019, 1990813, source="data.gov.ma (Ministry of Tourism)")
    figure(fr, "arrivals", 2022, 1505443, source="Observatoire du Tourisme")
    Target.objects.create(
        market=fr, metric="arrivals", year=2023, share_of_2019=100, note="démo", is_demo=True
    )
    return fr


def test_staff_see_figures_with_source_definition_recovery_and_targets(client, staff, france):
    client.force_login(staff)

    response = client.get("/markets/FR/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "1\u00a0990\u00a0813" in page and "1\u00a0505\u00a0443" in page
    assert "data.gov.ma (Ministry of Tourism)" in page and "Observatoire du Tourisme" in page
    assert pct("76") in page  # 1,505,443 / 1,990,813, rounded
    assert response.context["panels"][0].recovery.definition == "arrivals_tes"
    assert page.count('<g class="chart-bar') == 2  # 2019 and 2022
    [status] = response.context["targets"]
    assert status.status == "no_data" and status.target.is_demo
    assert "demo-badge" in page


def test_a_council_member_sees_the_markets_of_their_work_and_only_their_part(
    client, council_fes, france
):
    own = OrganizationFactory(short_name="CRT-OWN")
    person = MembershipFactory(person__user=council_fes, organization=own).person
    RecommendationFactory(organization=own, markets=[france], title="Notre recommandation")
    RecommendationFactory(
        organization=OrganizationFactory(short_name="CRT-AUTRE"),
        markets=[france],
        title="Brouillon d'un autre",
        status="draft",
    )
    es = MarketFactory(code="ES")
    start = timezone.now() - datetime.timedelta(days=2)
    end = start + datetime.timedelta(hours=2)
    meeting = MeetingFactory(title="Atelier Espagne", starts_at=start, ends_at=end)
    meeting.markets.add(es)
    ParticipantFactory(meeting=meeting, organization=own, person=person)
    Meeting.objects.filter(pk=meeting.pk).update(status="published")
    MarketFactory(code="UK")
    client.force_login(council_fes)

    fr_page = client.get("/markets/FR/").content.decode()

    assert "Notre recommandation" in fr_page
    assert "Brouillon d'un autre" not in fr_page and "CRT-AUTRE" not in fr_page
    assert "/markets/FR/targets/new/" not in fr_page  # reads targets, never sets them
    assert "Atelier Espagne" in client.get("/markets/ES/").content.decode()
    assert client.get("/markets/UK/").status_code == 404  # nothing to do with them
    assert client.get("/roadmaps/markets/UK/dossier.xlsx").status_code == 404


def test_roadmaps_show_progress_lateness_and_slippage(client, staff, france):
    roadmap = RoadmapFactory(market=france, title="Feuille de route France 2030")
    MilestoneFactory(
        roadmap=roadmap,
        due_date=datetime.date(2030, 3, 11),
        baseline_due_date=datetime.date(2030, 3, 1),
        title="Salon de Paris",
    )
    client.force_login(staff)

    response = client.get("/markets/FR/")

    [row] = response.context["roadmaps"]
    assert (row.slipped_count, row.max_slippage.days, row.planned_count) == (1, 10, 1)
    page = response.content.decode()
    assert "Salon de Paris" in page and "+10" in page


@pytest.mark.parametrize("rows", [1, 50])
def test_the_market_page_query_count_does_not_grow_with_its_rows(
    client, staff, france, django_assert_max_num_queries, rows
):
    organization = OrganizationFactory()
    for index in range(rows):
        figure(france, "overnight_stays", 2019 + index // 12, 100 + index, month=index % 12 + 1)
        roadmap = RoadmapFactory(
            market=france,
            starts_on=datetime.date(2030 + index, 1, 1),
            ends_on=datetime.date(2030 + index, 12, 31),
        )
        MilestoneFactory(roadmap=roadmap, baseline_due_date=datetime.date(2030 + index, 1, 5))
        RecommendationFactory(organization=organization, markets=[france])
        MeetingFactory().markets.add(france)
    client.force_login(staff)

    with django_assert_max_num_queries(16):
        response = client.get("/markets/FR/")

    assert len(response.context["roadmaps"]) == rows
    assert len(response.context["recommendations"]) == rows


@pytest.mark.parametrize(("open_count", "shown"), [(3, 3), (52, 50)])
def test_the_open_milestones_are_counted_whole_and_listed_up_to_fifty(
    client, staff, france, open_count, shown
):
    roadmap = RoadmapFactory(market=france)
    MilestoneFactory.create_batch(open_count, roadmap=roadmap, status="planned")
    MilestoneFactory(
        roadmap=roadmap, status="done", progress=100, completed_on=datetime.date(2030, 1, 1)
    )
    client.force_login(staff)

    response = client.get("/markets/FR/")

    page = response.content.decode()
    assert response.context["open_milestone_count"] == open_count
    assert len(response.context["open_milestones"]) == shown
    assert f"{open_count} jalons ouverts" in page
    assert ("Les 50 premiers sont affichés" in page) == (open_count > shown)


def test_recommendations_are_counted_by_status(client, staff, france):
    organization = OrganizationFactory()
    RecommendationFactory.create_batch(3, organization=organization, markets=[france])
    RecommendationFactory(organization=organization, markets=[france], status="accepted")
    RecommendationFactory(organization=organization, markets=[france], status="draft")
    client.force_login(staff)

    response = client.get("/markets/FR/")

    # ONMT staff never see a draft: four, by status.
    assert response.context["recommendation_statuses"] == [("Soumise", 3), ("Acceptée", 1)]
    assert response.context["recommendation_count"] == 4
