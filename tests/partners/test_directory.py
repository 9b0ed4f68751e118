"""The portal directory: search, filters, archived entries, htmx, privacy, query budgets."""

import pytest
from django.urls import reverse

from partners.models import Organization, Person, Region
from partners.roles import Role

from ..helpers.factories import MembershipFactory, OrganizationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

DIRECTORY = "/partners/"


@pytest.fixture
def partners():
    fes = Region.objects.get(code="03")
    draa = Region.objects.get(code="08")
    crt_fes = OrganizationFactory(
        name="Conseil Régional du Tourisme de Fès-Meknès",
        short_name="CRT Fès-Meknès",
        region=fes,
    )
    cpt = OrganizationFactory(
        name="Conseil Provincial du Tourisme de Ouarzazate",
        short_name="CPT Ouarzazate",
        kind="provincial_council",
        region=draa,
        province="Ouarzazate",
    )
    cnt = OrganizationFactory(
        name="Confédération Nationale du Tourisme", short_name="CNT", kind="confederation"
    )
    MembershipFactory(
        organization=crt_fes,
        person=PersonFactory(first_name="Aziz", last_name="Lebbar"),
        role="president",
    )
    MembershipFactory(
        organization=cpt,
        person=PersonFactory(first_name="Siham", last_name="Rida", email="siham@example.ma"),
        role="president",
        title="Présidente du CPT de Ouarzazate",
    )
    archived = OrganizationFactory(name="Ancien Conseil", short_name="OLD", is_active=False)
    return {"crt_fes": crt_fes, "cpt": cpt, "cnt": cnt, "archived": archived}


def names(response):
    return [organization.short_name for organization in response.context["page"].object_list]


def _as_aziz_lebbar(user):
    """The council member logged in is CRT Fès-Meknès's president (as crt.fes in the demo)."""
    Person.objects.filter(last_name="Lebbar").update(user=user)


def test_directory_lists_active_organizations_with_their_president(client, council_fes, partners):
    _as_aziz_lebbar(council_fes)
    client.force_login(council_fes)
    response = client.get(DIRECTORY)

    assert response.status_code == 200
    assert names(response) == ["CNT", "CPT Ouarzazate", "CRT Fès-Meknès"]
    assert "Aziz" in response.content.decode()


def test_search_matches_names_accents_ignored_and_people(client, staff, partners):
    client.force_login(staff)

    assert names(client.get(DIRECTORY, {"q": "fes meknes"})) == ["CRT Fès-Meknès"]
    assert names(client.get(DIRECTORY, {"q": "Siham Rida"})) == ["CPT Ouarzazate"]
    assert names(client.get(DIRECTORY, {"q": "ouarzazate"})) == ["CPT Ouarzazate"]
    assert names(client.get(DIRECTORY, {"q": "nobody-like-this"})) == []
    people = client.get(DIRECTORY, {"q": "rida"}).context["people"]
    assert [person.last_name for person in people] == ["Rida"]


def test_filters_by_kind_and_region(client, staff, partners):
    client.force_login(staff)

    assert names(client.get(DIRECTORY, {"kind": "provincial_council"})) == ["CPT Ouarzazate"]
    region = Region.objects.get(code="03")
    assert names(client.get(DIRECTORY, {"region": region.pk})) == ["CRT Fès-Meknès"]


def test_archived_entries_are_hidden_unless_asked_for(client, staff, partners):
    client.force_login(staff)

    assert "OLD" not in names(client.get(DIRECTORY))
    assert "OLD" in names(client.get(DIRECTORY, {"archived": "on"}))


def test_a_bad_filter_value_is_ignored_not_a_500(client, staff, partners):
    client.force_login(staff)
    response = client.get(DIRECTORY, {"region": "not-a-number", "kind": "<script>"})
    assert response.status_code == 200


def test_htmx_requests_get_only_the_results(client, staff, partners):
    client.force_login(staff)

    response = client.get(DIRECTORY, {"q": "CNT"}, HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "Confédération Nationale du Tourisme" in html
    assert "HX-Request" in response["Vary"]


def test_the_full_page_keeps_the_filters_in_its_form(client, staff, partners):
    client.force_login(staff)
    html = client.get(DIRECTORY, {"q": "Ouarzazate"}).content.decode()
    assert 'value="Ouarzazate"' in html
    assert 'hx-push-url="true"' in html


def test_directory_is_paginated(client, staff):
    OrganizationFactory.create_batch(30 - Organization.objects.active().count())  # 30 in all
    client.force_login(staff)

    first = client.get(DIRECTORY)
    second = client.get(DIRECTORY, {"page": 2})

    assert len(first.context["page"].object_list) == 25
    assert len(second.context["page"].object_list) == 5


def test_organization_page_shows_president_first_then_past_mandates(client, council_fes, partners):
    crt = partners["crt_fes"]
    MembershipFactory(organization=crt, role="member", person=PersonFactory(last_name="Aaron"))
    MembershipFactory(
        organization=crt,
        role="president",
        person=PersonFactory(last_name="Ancien"),
        start_date="2015-01-01",
        end_date="2019-12-31",
    )
    _as_aziz_lebbar(council_fes)
    client.force_login(council_fes)

    response = client.get(reverse("partners:organization", args=[crt.pk]))

    assert response.status_code == 200
    current = response.context["current_memberships"]
    assert [m.role for m in current] == ["president", "member"]
    assert [m.person.last_name for m in response.context["past_memberships"]] == ["Ancien"]


def test_personal_contacts_are_for_onmt_people_only(client, partners):
    siham = partners["cpt"].memberships.get().person
    organization_email = partners["cpt"].email
    url = reverse("partners:person", args=[siham.pk])
    org_url = reverse("partners:organization", args=[partners["cpt"].pk])

    for role, sees in [(Role.ONMT_STAFF, True), (Role.DELEGATE, True), (Role.COUNCIL, False)]:
        user = UserFactory(role=role)
        if role == Role.COUNCIL:  # a council member of another organization
            MembershipFactory(person__user=user, organization=partners["cnt"])
        client.force_login(user)
        person_page = client.get(url).content.decode()
        org_page = client.get(org_url).content.decode()
        assert ("siham@example.ma" in person_page) is sees, role
        assert ("siham@example.ma" in org_page) is sees, role
        assert (siham.phone in org_page) is sees, role
        # Organization contact details are for everyone in the portal.
        assert organization_email in org_page, role


def test_user_without_a_role_is_refused(client, partners):
    client.force_login(UserFactory())
    assert client.get(DIRECTORY).status_code == 403
    assert (
        client.get(reverse("partners:organization", args=[partners["cnt"].pk])).status_code == 403
    )


def test_unknown_ids_are_404(client, staff):
    client.force_login(staff)
    assert client.get(reverse("partners:organization", args=[999999])).status_code == 404
    assert client.get(reverse("partners:person", args=[999999])).status_code == 404


@pytest.mark.parametrize("rows", [1, 50])
def test_directory_query_budget_does_not_grow_with_rows(
    client, staff, django_assert_max_num_queries, rows
):
    for organization in OrganizationFactory.create_batch(rows):
        MembershipFactory(organization=organization, role="president")
    client.force_login(staff)
    client.get(DIRECTORY)  # warm the session and user caches
    # 11, and 1 per search word: the organizations of matching members, read first
    # so that PostgreSQL answers every branch of the search with an index.
    with django_assert_max_num_queries(12):
        response = client.get(DIRECTORY, {"q": "Conseil"})
    assert response.context["page"].paginator.count == rows


@pytest.mark.parametrize("rows", [1, 50])
def test_organization_page_query_budget(client, staff, django_assert_max_num_queries, rows):
    organization = OrganizationFactory()
    for _ in range(rows):
        MembershipFactory(organization=organization, role="member")
    OrganizationFactory.create_batch(rows, parent=organization)
    client.force_login(staff)
    client.get(DIRECTORY)
    # 11 for the directory's own sections, 1 each for the meetings, recommendations
    # and expectations panels, 1 for the history panel staff see.
    with django_assert_max_num_queries(15):
        response = client.get(reverse("partners:organization", args=[organization.pk]))
    assert len(response.context["current_memberships"]) == rows
    assert len(response.context["members"]) == rows


@pytest.mark.parametrize("rows", [1, 50])
def test_person_page_query_budget(client, staff, django_assert_max_num_queries, rows):
    person = PersonFactory()
    for _ in range(rows):
        MembershipFactory(person=person)
    client.force_login(staff)
    client.get(DIRECTORY)
    with django_assert_max_num_queries(9):  # 8 + the history panel staff see
        response = client.get(reverse("partners:person", args=[person.pk]))
    assert len(response.context["current_memberships"]) == rows
