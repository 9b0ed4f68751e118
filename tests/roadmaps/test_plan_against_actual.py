"""Plan against actual: baselines kept when a roadmap becomes active, a due date
moved only with a reason kept in history, slippage and the timeline's geometry."""

import datetime

import pytest

from roadmaps.models import Milestone
from roadmaps.selectors.timeline import MARGIN, WIDTH, roadmap_timeline

from ..helpers.factories import (
    MarketFactory,
    MembershipFactory,
    MilestoneFactory,
    OrganizationFactory,
    RoadmapFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def owner_client(client, delegate_fr):
    fr = MarketFactory(code="FR")
    delegation = OrganizationFactory(kind="delegation")
    delegation.markets.add(fr)
    MembershipFactory(person__user=delegate_fr, organization=delegation, role="delegate")
    client.force_login(delegate_fr)
    client.market = fr
    return client


def _roadmap_form(roadmap, **changes):
    data = {
        "market": roadmap.market_id,
        "title": roadmap.title,
        "starts_on": roadmap.starts_on.isoformat(),
        "ends_on": roadmap.ends_on.isoformat(),
        "owner": roadmap.owner_id,
        "objectives": "",
        "status": roadmap.status,
        "version": roadmap.version,
    }
    return {**data, **changes}


def _milestone_form(milestone, **changes):
    data = {
        "title": milestone.title,
        "description": "",
        "due_date": milestone.due_date.isoformat(),
        "owner": milestone.owner_id,
        "status": milestone.status,
        "progress": milestone.progress,
        "version": milestone.version,
    }
    return {**data, **changes}


def test_activating_a_roadmap_keeps_each_due_date_as_its_baseline(owner_client):
    roadmap = RoadmapFactory(market=owner_client.market, status="draft")
    first = MilestoneFactory(roadmap=roadmap, due_date=D(2030, 3, 1))
    assert first.baseline_due_date is None

    owner_client.post(f"/roadmaps/{roadmap.pk}/edit/", _roadmap_form(roadmap, status="active"))
    first.refresh_from_db()
    owner_client.post(
        f"/roadmaps/{roadmap.pk}/milestones/new/",
        {"title": "Ajouté ensuite", "due_date": "2030-06-01", "owner": roadmap.owner_id,
         "status": "planned", "progress": "0"},
    )  # fmt: skip

    assert first.baseline_due_date == D(2030, 3, 1)
    later = Milestone.objects.get(title="Ajouté ensuite")
    assert later.baseline_due_date == D(2030, 6, 1)  # its first due date


def test_a_milestone_moved_by_ten_days_shows_plus_ten_with_its_reason(owner_client, staff):
    roadmap = RoadmapFactory(market=owner_client.market, status="active")
    milestone = MilestoneFactory(
        roadmap=roadmap, due_date=D(2030, 3, 1), baseline_due_date=D(2030, 3, 1)
    )
    url = f"/roadmaps/milestones/{milestone.pk}/edit/"

    refused = owner_client.post(url, _milestone_form(milestone, due_date="2030-03-11"))
    milestone.refresh_from_db()
    assert refused.status_code == 200 and milestone.due_date == D(2030, 3, 1)
    assert "Dites pourquoi l’échéance change" in refused.content.decode()

    moved = owner_client.post(
        url,
        _milestone_form(
            milestone, due_date="2030-03-11", due_date_reason="Salon reporté par l'organisateur"
        ),
    )
    milestone.refresh_from_db()

    assert moved.status_code == 302
    assert (milestone.due_date, milestone.baseline_due_date) == (D(2030, 3, 11), D(2030, 3, 1))
    assert milestone.slippage_days == 10
    assert milestone.history.first().history_change_reason == "Salon reporté par l'organisateur"
    roadmap_page = owner_client.get(f"/roadmaps/{roadmap.pk}/").content.decode()
    assert "+10" in roadmap_page
    owner_client.force_login(staff)  # ONMT staff read the history panel
    edit_page = owner_client.get(url).content.decode()
    assert "Salon reporté par l&#x27;organisateur" in edit_page
    assert "Échéance\u00a0: <del" in edit_page  # the change itself, beside its reason


def test_other_changes_need_no_reason(owner_client):
    roadmap = RoadmapFactory(market=owner_client.market, status="active")
    milestone = MilestoneFactory(roadmap=roadmap, due_date=D(2030, 3, 1))

    response = owner_client.post(
        f"/roadmaps/milestones/{milestone.pk}/edit/",
        _milestone_form(milestone, title="Nouveau titre", progress="20"),
    )

    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.title == "Nouveau titre"


def test_the_timeline_places_dates_across_the_period_and_today():
    roadmap = RoadmapFactory(starts_on=D(2030, 1, 1), ends_on=D(2030, 12, 31))
    milestone = MilestoneFactory(
        roadmap=roadmap, due_date=D(2030, 7, 2), baseline_due_date=D(2030, 1, 1)
    )
    usable = WIDTH - 2 * MARGIN
    half = round(MARGIN + usable * 182 / 364, 1)  # 2 July is day 182 of 364

    ltr = roadmap_timeline(roadmap, [milestone], today=D(2030, 12, 31), rtl=False)
    rtl = roadmap_timeline(roadmap, [milestone], today=D(2030, 1, 1), rtl=True)
    outside = roadmap_timeline(roadmap, [milestone], today=D(2031, 2, 1), rtl=False)

    [mark] = ltr.marks
    assert (mark.x_baseline, mark.x_due, ltr.x_today) == (MARGIN, half, WIDTH - MARGIN)
    [mirrored] = rtl.marks
    assert (mirrored.x_baseline, rtl.x_today) == (WIDTH - MARGIN, WIDTH - MARGIN)
    assert mirrored.x_due == round(WIDTH - half, 1)
    assert outside.x_today is None
    assert [month.month for _x, month in ltr.ticks] == list(range(1, 13))
    assert ltr.ticks[0][0] == MARGIN


def test_a_date_past_the_period_is_pinned_to_its_edge():
    roadmap = RoadmapFactory(starts_on=D(2030, 1, 1), ends_on=D(2030, 6, 30))
    late = MilestoneFactory(roadmap=roadmap, due_date=D(2030, 9, 1))

    [mark] = roadmap_timeline(roadmap, [late], today=D(2030, 3, 1), rtl=False).marks

    assert mark.x_due == WIDTH - MARGIN


def test_the_roadmap_page_draws_the_timeline_in_arabic_from_the_right(owner_client):
    roadmap = RoadmapFactory(market=owner_client.market, starts_on=D(2030, 1, 1))
    MilestoneFactory(roadmap=roadmap, due_date=D(2030, 1, 1))
    owner_client.cookies["portal_language"] = "ar"

    page = owner_client.get(f"/roadmaps/{roadmap.pk}/").content.decode()

    assert 'data-rtl="1"' in page
    assert f'class="timeline-due" data-x="{WIDTH - MARGIN}.0"' in page


@pytest.mark.parametrize("milestones", [1, 50])
def test_the_roadmap_page_query_count_does_not_grow_with_its_milestones(
    owner_client, django_assert_max_num_queries, milestones
):
    roadmap = RoadmapFactory(market=owner_client.market)
    for index in range(milestones):
        MilestoneFactory(
            roadmap=roadmap,
            due_date=D(2030, 1, 1) + datetime.timedelta(days=index * 7),
            baseline_due_date=D(2030, 1, 1),
        )

    with django_assert_max_num_queries(14):
        response = owner_client.get(f"/roadmaps/{roadmap.pk}/")

    assert len(response.context["timeline"].marks) == min(milestones, 25)  # a page of rows


def test_each_row_says_how_far_its_milestone_moved_in_the_viewers_language(owner_client):
    roadmap = RoadmapFactory(market=owner_client.market, status="active")
    MilestoneFactory(
        roadmap=roadmap, due_date=D(2030, 3, 11), baseline_due_date=D(2030, 3, 1), progress=40
    )
    MilestoneFactory(roadmap=roadmap, due_date=D(2030, 4, 1), baseline_due_date=D(2030, 4, 3))
    MilestoneFactory(roadmap=roadmap, due_date=D(2030, 5, 1), baseline_due_date=D(2030, 5, 1))
    url = f"/roadmaps/{roadmap.pk}/"

    page = owner_client.get(url).content.decode()

    assert (
        '<span class="badge text-bg-warning slippage" title="Prévu pour le 01/03/2030">'
        '<bdi dir="ltr">+10</bdi> jours</span>'
    ) in page
    assert '<bdi dir="ltr">-2</bdi>' in page and "text-bg-success slippage" in page
    assert '<span class="badge text-bg-light slippage">conforme au plan</span>' in page
    assert (
        '<div class="progress" role="progressbar" aria-label="Avancement" aria-valuenow="40"'
    ) in page
    assert 'class="progress-bar progress-w-40">\u206640\u00a0%\u2069</div>' in page

    owner_client.cookies["portal_language"] = "ar"
    arabic = owner_client.get(url).content.decode()
    assert '<bdi dir="ltr">+10</bdi> أيام</span>' in arabic
    assert "وفق الخطة" in arabic
