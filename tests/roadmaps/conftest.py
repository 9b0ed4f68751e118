"""Fixtures shared by the roadmaps tests."""

import pytest

from partners.roles import Role

from ..helpers.factories import (
    MarketFactory,
    MembershipFactory,
    OrganizationFactory,
    RecommendationFactory,
    UserFactory,
)


@pytest.fixture
def fes(council_fes):
    """CRT Fès-Meknès and its president, the council_fes account: (organization, person)."""
    organization = OrganizationFactory(short_name="CRT Fès-Meknès")
    person = MembershipFactory(
        person__user=council_fes, organization=organization, role="president"
    ).person
    return organization, person


@pytest.fixture
def thread(db):
    """A submitted recommendation of CRT Fès-Meknès: its author's account (Arabic
    e-mails) and an ONMT reviewer."""
    fes = OrganizationFactory(short_name="CRT Fès-Meknès", kind="regional_council")
    member = UserFactory(username="crt.fes", email="")
    author = MembershipFactory(
        organization=fes,
        role="president",
        person__user=member,
        person__email="aziz@crt-fes.ma",
        person__language="ar",
    ).person
    reviewer = UserFactory(username="onmt.reviewer", role=Role.ONMT_STAFF)
    reviewer.person.email = "revue@onmt.ma"
    reviewer.person.save()
    recommendation = RecommendationFactory(
        organization=fes,
        author=author,
        markets=[MarketFactory(code="FR")],
        title="Fès, destination de city-break",
        status="submitted",
    )
    return {"recommendation": recommendation, "member": member, "reviewer": reviewer}
