"""A roadmap's page is kept rendered per viewer, page, language and day until a
record changes (roadmaps/kept_pages.py); its forms get each request's own CSRF
field, never one kept from another session."""

import datetime
import re

import pytest
from django.test import Client

from roadmaps.kept_pages import CSRF_MARK

from ..helpers.factories import MilestoneFactory, RoadmapFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def roadmap():
    roadmap = RoadmapFactory(
        starts_on=datetime.date(2030, 1, 1), ends_on=datetime.date(2031, 12, 31)
    )
    for index in range(30):
        MilestoneFactory(
            roadmap=roadmap,
            title=f"Jalon {index + 1:02d}",
            due_date=datetime.date(2030, 1, 1) + datetime.timedelta(days=7 * index),
        )
    return roadmap


def _main(page: str) -> str:
    return page[page.index("<main") : page.index("</main>")]


def _csrf_fields(page: str) -> list[str]:
    """The CSRF fields of the page's own forms (the navigation bar has its own)."""
    return re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', _main(page))


def test_the_next_view_is_served_from_the_kept_page_in_a_few_queries(
    client, staff, roadmap, django_assert_max_num_queries
):
    client.force_login(staff)
    first = client.get(f"/roadmaps/{roadmap.pk}/").content.decode()

    # The session, the user, their mandates and the roadmap: nothing of the rows'.
    with django_assert_max_num_queries(4):
        second = client.get(f"/roadmaps/{roadmap.pk}/").content.decode()

    # The same page, but for its CSRF fields, masked anew for each request.
    assert re.sub(r'value="[^"]{64}"', "", _main(second)) == re.sub(
        r'value="[^"]{64}"', "", _main(first)
    )
    assert len(_csrf_fields(second)) == 25 and CSRF_MARK not in second


def test_each_session_posts_with_its_own_csrf_field(staff, roadmap):
    browsers = [Client(enforce_csrf_checks=True) for _ in range(2)]
    milestones = list(roadmap.milestones.order_by("due_date")[:2])
    for browser in browsers:
        browser.force_login(staff)
    pages = [
        browser.get(f"/roadmaps/{roadmap.pk}/?page=1").content.decode() for browser in browsers
    ]

    # The second session was served the kept page: with its own token in its forms.
    for browser, page, milestone, progress in zip(
        browsers, pages, milestones, (40, 60), strict=True
    ):
        token = _csrf_fields(page)[0]
        answer = browser.post(
            f"/roadmaps/milestones/{milestone.pk}/progress/",
            {"progress": progress, "csrfmiddlewaretoken": token},
        )
        assert answer.status_code == 302
    assert [m.progress for m in roadmap.milestones.order_by("due_date")[:2]] == [40, 60]


def test_a_progress_update_shows_at_the_next_view(client, staff, roadmap):
    client.force_login(staff)
    milestone = roadmap.milestones.order_by("due_date").first()
    before = client.get(f"/roadmaps/{roadmap.pk}/?page=1").content.decode()
    assert f'id="progress-{milestone.pk}" value="0"' in before

    answer = client.post(
        f"/roadmaps/milestones/{milestone.pk}/progress/", {"progress": "45"}, HTTP_HX_REQUEST="true"
    )
    assert answer.status_code == 200

    after = client.get(f"/roadmaps/{roadmap.pk}/?page=1").content.decode()
    assert f'id="progress-{milestone.pk}" value="45"' in after


def test_each_page_of_rows_is_kept_apart(client, staff, roadmap):
    client.force_login(staff)

    def titles(query):
        page = client.get(f"/roadmaps/{roadmap.pk}/{query}").content.decode()
        return re.findall(r"<strong><bdi>(Jalon \d\d)</bdi></strong>", page)

    assert titles("?page=2") == [f"Jalon {n}" for n in range(26, 31)]
    assert titles("?page=1")[0] == "Jalon 01"
    assert titles("?page=-1") == [f"Jalon {n}" for n in range(26, 31)]  # the last page
    assert titles("?page=deux")[0] == "Jalon 01"  # not an integer: the first
    milestone = roadmap.milestones.get(title="Jalon 28")
    assert "Jalon 28" in titles(f"?milestone={milestone.pk}")


def test_a_viewer_who_may_not_edit_gets_no_form_from_a_kept_page(client, staff, roadmap):
    """The page kept for an editor holds forms; a reader's never does."""
    from partners.roles import Role

    from ..helpers.factories import UserFactory

    client.force_login(staff)
    assert len(_csrf_fields(client.get(f"/roadmaps/{roadmap.pk}/").content.decode())) == 25

    reader = UserFactory(username="delegate_other", role=Role.DELEGATE)
    client.force_login(reader)
    page = client.get(f"/roadmaps/{roadmap.pk}/").content.decode()

    assert "Jalon 01" in page or "Jalon 26" in page
    assert _csrf_fields(page) == [] and "/progress/" not in page


def test_two_readers_never_share_a_kept_page(client, council_fes):
    """Neither may edit: what still tells their pages apart is what each may see."""
    from partners.roles import Role

    from ..helpers.factories import MeetingFactory, MembershipFactory, UserFactory

    meeting = MeetingFactory(title="Comité restreint Paris")
    roadmap = RoadmapFactory(status="active")
    MilestoneFactory(roadmap=roadmap, title="Jalon 01", source_meeting=meeting)
    MembershipFactory(person__user=council_fes, role="president")  # not invited to it
    client.force_login(UserFactory(username="delegate_other", role=Role.DELEGATE))
    assert "Comité restreint Paris" in client.get(f"/roadmaps/{roadmap.pk}/").content.decode()

    client.force_login(council_fes)
    page = client.get(f"/roadmaps/{roadmap.pk}/").content.decode()

    assert "Jalon 01" in page
    assert "Comité restreint Paris" not in page and f"/meetings/{meeting.pk}/" not in page
