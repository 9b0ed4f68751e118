"""Rights follow mandates: what an ended mandate gave ends on the next request."""

import datetime

import pytest
from django.utils import timezone

from partners import services
from partners.models import Membership, Organization
from partners.roles import (
    COUNCIL_KINDS,
    DELEGATION_KINDS,
    OFFICE_KINDS,
    Role,
    role_group,
    roles_of,
)

from ..helpers.factories import (
    MarketFactory,
    MeetingFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
    onmt_office,
)

pytestmark = pytest.mark.django_db

YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)


def test_every_organization_kind_gives_exactly_one_role_or_none():
    kinds = set(Organization.Kind.values)
    assert kinds == OFFICE_KINDS | DELEGATION_KINDS | COUNCIL_KINDS
    assert not (OFFICE_KINDS & DELEGATION_KINDS or OFFICE_KINDS & COUNCIL_KINDS)


def test_a_delegate_whose_mandate_ends_loses_the_meetings_on_the_next_request(client):
    user = UserFactory(username="ancien_delegue")
    delegation = OrganizationFactory(kind="delegation")
    delegation.markets.add(MarketFactory(code="FR"))
    mandate = MembershipFactory(person__user=user, organization=delegation, role="delegate")
    planned = MeetingFactory(title="Réunion non publiée")
    client.force_login(user)
    assert client.get(f"/meetings/{planned.pk}/").status_code == 200

    # Ended from the shell (or an import): nothing else to do.
    Membership.objects.filter(pk=mandate.pk).update(end_date=YESTERDAY)

    assert client.get(f"/meetings/{planned.pk}/").status_code == 404
    refused = client.get("/meetings/")
    assert refused.status_code == 403
    assert "aucun mandat en cours" in refused.content.decode()


def test_staff_rights_come_from_a_current_mandate_at_onmt(client):
    user = UserFactory(username="ancienne_equipe")
    mandate = MembershipFactory(person__user=user, organization=onmt_office(), role="staff")
    client.force_login(user)
    assert client.get("/meetings/new/").status_code == 200

    mandate.end_date = YESTERDAY
    mandate.save()

    assert client.get("/meetings/new/").status_code == 403
    home = client.get("/")
    assert home.status_code == 403
    assert "aucun mandat en cours" in home.content.decode()


def test_someone_without_a_mandate_keeps_their_profile_and_nothing_else(client, settings):
    settings.PORTAL_SUPPORT_EMAIL = "portail@onmt.example"
    user = UserFactory(role=Role.COUNCIL)  # the group alone gives nothing
    client.force_login(user)

    assert roles_of(user) == []
    assert client.get("/accounts/profile/").status_code == 200
    for url in ("/", "/partners/", "/meetings/", "/recommendations/", "/roadmaps/"):
        response = client.get(url)
        assert response.status_code == 403, url
        html = response.content.decode()
        assert "portail@onmt.example" in html, url
        assert 'href="/partners/"' not in html, url  # no navigation to pages they cannot open


def test_a_group_never_grants_more_than_the_mandates(client):
    user = UserFactory(role=Role.COUNCIL)
    user.groups.add(*(role_group(role) for role in Role))  # every role's group
    MembershipFactory(person__user=user, organization__kind="regional_council")
    client.force_login(user)
    assert client.get("/meetings/new/").status_code == 403  # staff's, not theirs
    assert roles_of(user) == [Role.COUNCIL]


def test_an_archived_organization_gives_no_rights():
    user = UserFactory()
    council = OrganizationFactory(kind="regional_council")
    MembershipFactory(person__user=user, organization=council)
    assert roles_of(user) == [Role.COUNCIL]
    services.organization_set_active(organization=council, active=False)
    next_request_user = type(user).objects.get(pk=user.pk)
    assert roles_of(next_request_user) == []


def test_archiving_a_person_closes_their_account_and_restoring_reopens_it(client):
    user = UserFactory(username="archivee")
    membership = MembershipFactory(person__user=user, organization__kind="regional_council")
    client.force_login(user)
    assert client.get("/partners/").status_code == 200

    services.person_set_active(person=membership.person, active=False)

    user.refresh_from_db()
    assert not user.is_active
    assert client.get("/partners/")["Location"].startswith("/accounts/login/")

    services.person_set_active(person=membership.person, active=True)
    user.refresh_from_db()
    assert user.is_active
