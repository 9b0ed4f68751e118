"""A recommendation's page is kept rendered per viewer until a record changes
(roadmaps/kept_pages.py): the next view costs the request's own queries, a
message shows at once, each session posts with its own CSRF field, and an
internal note kept in a reviewer's page never reaches the organization."""

import re

import pytest
from django.test import Client

from roadmaps.kept_pages import CSRF_MARK, CSRF_TOKEN_MARK

from ..helpers.factories import (
    MembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
NOTE = "Budget serré : ne pas promettre de co-financement"


def _main(page: str) -> str:
    return page[page.index("<main") : page.index("</main>")]


def _fields(page: str) -> list[str]:
    return re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', _main(page))


def test_the_next_view_is_served_from_the_kept_page_in_a_few_queries(
    client, thread, django_assert_max_num_queries
):
    url = f"/recommendations/{thread['recommendation'].pk}/"
    client.force_login(thread["reviewer"])
    first = client.get(url).content.decode()

    # The session, the user, their mandates and the recommendation.
    with django_assert_max_num_queries(4):
        second = client.get(url).content.decode()

    assert _fields(second) and CSRF_TOKEN_MARK not in second and CSRF_MARK not in second
    strip = re.compile(r'value="[^"]{64}"')  # the CSRF fields, masked anew each time
    assert strip.sub("", _main(second)) == strip.sub("", _main(first))


def test_a_message_shows_at_the_next_view(client, thread):
    url = f"/recommendations/{thread['recommendation'].pk}/"
    client.force_login(thread["member"])
    assert "Visite du 3 au 7 mars" not in client.get(url).content.decode()

    client.post(f"{url}messages/", {"body": "Visite du 3 au 7 mars"})

    assert "Visite du 3 au 7 mars" in client.get(url).content.decode()


def test_each_session_posts_with_its_own_csrf_field(thread):
    url = f"/recommendations/{thread['recommendation'].pk}/"
    browsers = [Client(enforce_csrf_checks=True) for _ in range(2)]
    for index, browser in enumerate(browsers):
        browser.force_login(thread["member"])
        token = _fields(browser.get(url).content.decode())[-1]  # the message form's
        answer = browser.post(
            f"{url}messages/", {"body": f"Réponse {index}", "csrfmiddlewaretoken": token}
        )
        assert answer.status_code == 302

    assert [m.body for m in thread["recommendation"].messages.order_by("pk")] == [
        "Réponse 0",
        "Réponse 1",
    ]


def test_an_internal_note_kept_in_a_reviewers_page_never_reaches_the_organization(client, thread):
    url = f"/recommendations/{thread['recommendation'].pk}/"
    client.force_login(thread["reviewer"])
    client.post(f"{url}messages/", {"body": NOTE, "internal": "on"})
    assert NOTE in client.get(url).content.decode()  # kept for the reviewer

    client.force_login(thread["member"])
    page = client.get(url).content.decode()

    assert "Fès, destination de city-break" in page
    assert NOTE not in page and 'name="internal"' not in page


def test_two_members_with_the_same_rights_never_share_a_kept_page(client, thread):
    """Only its author may still edit the last message: the pages differ by viewer."""
    url = f"/recommendations/{thread['recommendation'].pk}/"
    colleague = UserFactory(username="crt.fes.2")
    MembershipFactory(
        organization=thread["recommendation"].organization,
        role="member",
        person__user=colleague,
    )
    client.force_login(thread["member"])
    client.post(f"{url}messages/", {"body": "Visite du 3 au 7 mars"})
    message = thread["recommendation"].messages.get()
    edit = f"/recommendations/messages/{message.pk}/edit/"
    assert edit in client.get(url).content.decode()  # kept for its author

    client.force_login(colleague)
    page = client.get(url).content.decode()

    assert "Visite du 3 au 7 mars" in page and edit not in page
