"""A roadmap's page shows its milestones 25 at a time (by due date) with their
timeline, opening on the page where the work is; its figures still count them
all, and a milestone's link lands on the page that holds it."""

import datetime
import re

import pytest

from ..helpers.factories import MeetingFactory, MembershipFactory, MilestoneFactory, RoadmapFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def long_roadmap():
    """60 milestones a week apart: the first 30 done, the others planned."""
    roadmap = RoadmapFactory(starts_on=D(2030, 1, 1), ends_on=D(2031, 12, 31))
    milestones = [
        MilestoneFactory(
            roadmap=roadmap,
            title=f"Jalon {index + 1:02d}",
            due_date=D(2030, 1, 1) + datetime.timedelta(days=7 * index),
            status="done" if index < 30 else "planned",
            progress=100 if index < 30 else 0,
            completed_on=D(2030, 1, 1) if index < 30 else None,
        )
        for index in range(60)
    ]
    return roadmap, milestones


def _titles(page) -> list[str]:
    return re.findall(r"<strong><bdi>(Jalon \d\d)</bdi></strong>", page.content.decode())


def test_the_page_opens_where_the_work_is_and_counts_every_milestone(client, staff, long_roadmap):
    roadmap, _milestones = long_roadmap
    client.force_login(staff)

    page = client.get(f"/roadmaps/{roadmap.pk}/")

    # The first open milestone is the 31st: the second page of 25 (26 to 50).
    assert _titles(page) == [f"Jalon {n:02d}" for n in range(26, 51)]
    assert "Page 2 sur 3" in page.content.decode()
    # The figures are the whole roadmap's; the timeline draws the rows shown.
    assert page.context["progress"] == 50
    marks = [mark.milestone.title for mark in page.context["timeline"].marks]
    assert marks == [f"Jalon {n:02d}" for n in range(26, 51)]


@pytest.mark.parametrize(
    ("asked", "first", "last"),
    [("1", 1, 25), ("3", 51, 60), ("999", 51, 60), ("deux", 1, 25)],
)
def test_each_page_of_rows_can_be_asked_for(client, staff, long_roadmap, asked, first, last):
    roadmap, _milestones = long_roadmap
    client.force_login(staff)

    page = client.get(f"/roadmaps/{roadmap.pk}/", {"page": asked})

    assert page.status_code == 200
    assert _titles(page) == [f"Jalon {n:02d}" for n in range(first, last + 1)]


def test_a_milestone_link_lands_on_its_page(client, staff, long_roadmap):
    _roadmap, milestones = long_roadmap
    client.force_login(staff)
    done = milestones[4]

    page = client.get(done.get_absolute_url())

    assert done.get_absolute_url().endswith(f"?milestone={done.pk}#milestone-{done.pk}")
    assert f'id="milestone-{done.pk}"' in page.content.decode()
    assert _titles(page)[0] == "Jalon 01"


@pytest.mark.parametrize("link", ["²", "-3", "abc", "", "9" * 30])
def test_a_garbled_milestone_link_opens_the_default_page(client, staff, long_roadmap, link):
    roadmap, _milestones = long_roadmap
    client.force_login(staff)

    page = client.get(f"/roadmaps/{roadmap.pk}/", {"milestone": link})

    assert page.status_code == 200
    assert _titles(page)[0] == "Jalon 26"


def test_another_roadmaps_milestone_in_the_link_changes_nothing(client, staff, long_roadmap):
    roadmap, _milestones = long_roadmap
    elsewhere = MilestoneFactory(title="Jalon 99")
    client.force_login(staff)

    page = client.get(f"/roadmaps/{roadmap.pk}/", {"milestone": elsewhere.pk})

    assert _titles(page)[0] == "Jalon 26"
    assert "Jalon 99" not in page.content.decode()


def test_a_progress_update_without_htmx_returns_to_the_milestones_page(client, staff, long_roadmap):
    _roadmap, milestones = long_roadmap
    client.force_login(staff)
    last = milestones[-1]

    answer = client.post(f"/roadmaps/milestones/{last.pk}/progress/", {"progress": "40"})

    assert answer.status_code == 302
    assert answer["Location"] == last.get_absolute_url()
    page = client.get(answer["Location"])
    assert _titles(page)[-1] == "Jalon 60"
    last.refresh_from_db()
    assert last.progress == 40


def test_a_row_names_its_meeting_to_those_who_may_see_it_only(client, staff, council_fes):
    meeting = MeetingFactory(title="Comité restreint Paris")
    roadmap = RoadmapFactory(status="active")
    MilestoneFactory(roadmap=roadmap, title="Jalon 01", source_meeting=meeting)
    MembershipFactory(person__user=council_fes, role="president")  # not invited to it

    client.force_login(staff)
    page = client.get(f"/roadmaps/{roadmap.pk}/").content.decode()
    link = f'<a href="/meetings/{meeting.pk}/"><bdi>Comité restreint Paris</bdi></a>'
    assert f"issu de la réunion {link}" in page

    client.force_login(council_fes)
    page = client.get(f"/roadmaps/{roadmap.pk}/")
    assert _titles(page) == ["Jalon 01"]
    assert "Comité restreint Paris" not in page.content.decode()
    assert f"/meetings/{meeting.pk}/" not in page.content.decode()
