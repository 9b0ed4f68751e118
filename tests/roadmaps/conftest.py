"""Fixtures shared by the roadmaps tests."""

import pytest

from ..helpers.factories import MembershipFactory, OrganizationFactory


@pytest.fixture
def fes(council_fes):
    """CRT Fès-Meknès and its president, the council_fes account: (organization, person)."""
    organization = OrganizationFactory(short_name="CRT Fès-Meknès")
    person = MembershipFactory(
        person__user=council_fes, organization=organization, role="president"
    ).person
    return organization, person
