"""The directory's rules hold in the database (raw writes) and through the services."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import translation

from partners import services
from partners.models import Membership, Organization, Person, Region

from ..helpers.factories import MembershipFactory, OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    # Messages are matched in English here; the French ones are checked in the views' tests.
    with translation.override("en"):
        yield


D = datetime.date


def test_the_twelve_regions_of_morocco_arrive_by_migration():
    assert Region.objects.count() == 12
    assert Region.objects.get(code="03").name == "Fès-Meknès"
    assert Region.objects.get(code="08").name_ar == "درعة تافيلالت"


def test_database_refuses_a_second_current_president():
    organization = OrganizationFactory()
    MembershipFactory(organization=organization, role="president")
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            person=PersonFactory(),
            organization=organization,
            role="president",
            start_date=D(2023, 1, 1),
        )


def test_a_new_president_ends_the_previous_mandate_the_day_before():
    organization = OrganizationFactory()
    outgoing = MembershipFactory(
        organization=organization, role="president", start_date=D(2020, 1, 1)
    )
    newcomer = PersonFactory()

    mandate = services.membership_start(
        person=newcomer, organization=organization, role="president", start_date=D(2023, 3, 1)
    )

    outgoing.refresh_from_db()
    assert outgoing.end_date == D(2023, 2, 28)
    assert mandate.end_date is None
    current = Membership.objects.current(on=D(2023, 6, 1)).filter(
        organization=organization, role="president"
    )
    assert [m.person for m in current] == [newcomer]


def test_a_hand_over_dated_before_the_current_presidency_is_refused_and_changes_nothing():
    organization = OrganizationFactory()
    outgoing = MembershipFactory(
        organization=organization, role="president", start_date=D(2022, 6, 1)
    )

    with pytest.raises(ValidationError, match="must start after"):
        services.membership_start(
            person=PersonFactory(),
            organization=organization,
            role="president",
            start_date=D(2022, 1, 1),
        )

    outgoing.refresh_from_db()
    assert outgoing.end_date is None
    assert organization.memberships.count() == 1


def test_database_refuses_a_mandate_that_ends_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            person=PersonFactory(),
            organization=OrganizationFactory(),
            role="member",
            start_date=D(2023, 1, 1),
            end_date=D(2022, 1, 1),
        )


def test_service_refuses_a_mandate_that_ends_before_it_starts_with_a_clear_message():
    with pytest.raises(ValidationError) as excinfo:
        services.membership_start(
            person=PersonFactory(),
            organization=OrganizationFactory(),
            role="member",
            start_date=D(2023, 1, 1),
            end_date=D(2022, 1, 1),
        )
    assert "cannot end before it starts" in str(excinfo.value)
    assert Membership.objects.count() == 0


def test_database_refuses_overlapping_mandates_of_the_same_role():
    existing = MembershipFactory(role="member", start_date=D(2022, 1, 1), end_date=D(2022, 12, 31))
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            person=existing.person,
            organization=existing.organization,
            role="member",
            start_date=D(2022, 6, 1),
        )


def test_service_refuses_overlapping_mandates_but_accepts_consecutive_ones():
    existing = MembershipFactory(role="member", start_date=D(2022, 1, 1), end_date=D(2022, 12, 31))
    with pytest.raises(ValidationError, match="already holds this role"):
        services.membership_start(
            person=existing.person,
            organization=existing.organization,
            role="member",
            start_date=D(2022, 12, 31),
        )

    services.membership_start(
        person=existing.person,
        organization=existing.organization,
        role="member",
        start_date=D(2023, 1, 1),
    )
    assert existing.person.memberships.count() == 2


def test_the_same_person_may_hold_two_roles_at_once():
    existing = MembershipFactory(role="member")
    services.membership_start(
        person=existing.person,
        organization=existing.organization,
        role="vice_president",
        start_date=existing.start_date,
    )
    assert existing.person.memberships.count() == 2


def test_database_refuses_the_same_email_in_another_case():
    PersonFactory(email="siham.rida@example.ma")
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(first_name="S", last_name="R", email="Siham.Rida@Example.MA")


def test_people_without_email_do_not_collide():
    Person.objects.create(first_name="A", last_name="B", email="")
    Person.objects.create(first_name="C", last_name="D", email="")
    assert Person.objects.filter(email="").count() == 2


def test_validation_names_the_duplicate_email():
    PersonFactory(email="siham.rida@example.ma")
    person = Person(first_name="S", last_name="R", email="SIHAM.RIDA@example.ma")
    with pytest.raises(ValidationError, match="already uses this e-mail"):
        person.full_clean()
    assert person.email == "siham.rida@example.ma"


def test_database_refuses_the_same_short_name_in_another_case():
    OrganizationFactory(short_name="CNT")
    with pytest.raises(IntegrityError), transaction.atomic():
        Organization.objects.create(name="Autre", short_name="cnt", kind="other", sector="private")


def test_an_organization_with_mandates_cannot_be_deleted_only_archived():
    mandate = MembershipFactory()
    organization = mandate.organization

    with pytest.raises(ProtectedError), transaction.atomic():
        organization.delete()
    with pytest.raises(ProtectedError), transaction.atomic():
        mandate.person.delete()

    services.organization_set_active(organization=organization, active=False)
    services.person_set_active(person=mandate.person, active=False)
    organization.refresh_from_db()
    assert organization.is_active is False
    assert Organization.objects.active().filter(pk=organization.pk).exists() is False
    assert Membership.objects.filter(pk=mandate.pk).exists()
