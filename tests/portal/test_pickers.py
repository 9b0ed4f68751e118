"""Searchable pickers (core/pickers.py): a page sends the chosen option alone,
whatever the number of organizations or people; the matches come from
/pick/<kind>/, through the viewer's rights, at most LIMIT of them."""

import re

import pytest

from core.pickers import LIMIT
from partners.roles import Role

from ..helpers.factories import (
    MembershipFactory,
    OrganizationFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _options(html: str, select_name: str) -> list[str]:
    select = re.search(rf'<select name="{select_name}".*?</select>', html, re.S).group(0)
    return re.findall(r"<option[^>]*>([^<]*)</option>", select)


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(role=Role.ONMT_STAFF))
    return client


@pytest.mark.parametrize("path", ["/recommendations/", "/meetings/"])
def test_a_filter_page_sends_the_chosen_organization_alone(staff_client, path):
    organizations = [OrganizationFactory(short_name=f"CPT-{n:02d}") for n in range(60)]
    chosen = organizations[42]

    page = staff_client.get(path, {"organization": chosen.pk}).content.decode()

    assert _options(page, "organization") == ["Tous", str(chosen)]
    assert 'hx-get="/pick/organizations/"' in page
    empty = staff_client.get(path).content.decode()
    assert _options(empty, "organization") == ["Tous"]


def test_matches_are_searched_without_accents_and_capped(staff_client):
    fes = OrganizationFactory(short_name="CRT Fès-Meknès")
    OrganizationFactory(short_name="CRT Fès (archivé)", is_active=False)
    OrganizationFactory(short_name="CRT Rabat")
    for n in range(LIMIT + 5):
        OrganizationFactory(short_name=f"CPT Marrakech {n:02d}")

    fes_organization = fes
    fes = staff_client.get(
        "/pick/organizations/", {"term": "fes"}, headers={"HX-Target": "id_organization_matches"}
    ).content.decode()
    many = staff_client.get("/pick/organizations/", {"term": "marrakech"}).content.decode()

    assert 'id="id_organization_matches"' in fes
    assert re.findall(r">([^<]+)</option>", fes) == [str(fes_organization)]  # not archived
    assert fes.count("<option") == 1 and "1 résultat" in fes
    assert many.count("<option") == LIMIT and f"Les {LIMIT} premiers" in many


def test_a_target_that_is_not_an_id_is_not_echoed(staff_client):
    answer = staff_client.get(
        "/pick/organizations/", {"term": "x\x00"}, headers={"HX-Target": '"><script>'}
    )
    assert answer.status_code == 200
    assert "<script>" not in answer.content.decode()
    assert 'id="picker-matches"' in answer.content.decode()


def test_people_pickers_list_only_people_work_can_be_given_to(staff_client):
    current = MembershipFactory(person__first_name="Samira", person__last_name="Bennani").person
    former = PersonFactory(first_name="Samir", last_name="Alaoui")  # no mandate

    answer = staff_client.get("/pick/people/", {"term": "sami"}).content.decode()

    assert str(current) in answer and str(former) not in answer


def test_outsiders_and_unknown_kinds_get_nothing(client):
    OrganizationFactory(short_name="CRT Fès-Meknès")
    client.force_login(UserFactory())  # an account with no mandate
    answer = client.get("/pick/organizations/", {"term": "fes"})
    assert answer.status_code == 403 and "Fès" not in answer.content.decode()
    client.force_login(UserFactory(role=Role.ONMT_STAFF))
    assert client.get("/pick/everything/", {"term": "fes"}).status_code == 404
    client.logout()
    assert client.get("/pick/organizations/", {"term": "fes"}).status_code == 302
