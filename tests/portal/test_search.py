"""One search: accents and case ignored, ranked, grouped, highlighted safely, and
never beyond what the viewer could open; a fixed number of queries."""

import datetime

import pytest
from django.utils import timezone

from meetings.models import Meeting, Outcome
from roadmaps import services

from ..helpers.factories import (
    MeetingFactory,
    MembershipFactory,
    MilestoneFactory,
    OrganizationFactory,
    ParticipantFactory,
    PersonFactory,
    RecommendationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(staff):
    fes = OrganizationFactory(short_name="CRT Fès-Meknès", name="Conseil Régional du Tourisme")
    member = UserFactory(username="crt.fes")
    president = MembershipFactory(organization=fes, role="president", person__user=member).person
    other = OrganizationFactory(short_name="CRT Autre")
    PersonFactory(first_name="Siham", last_name="Rida")
    start = timezone.now() - datetime.timedelta(days=3)
    published = MeetingFactory(
        title="Rencontre de Casablanca",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
    )
    published.minutes = "Les professionnels ont exprimé leurs attentes sur la desserte aérienne."
    published.save()
    ParticipantFactory(meeting=published, organization=fes, person=president)
    Meeting.objects.filter(pk=published.pk).update(status="published")
    Outcome.objects.create(
        meeting=published, kind="expectation", text="Promouvoir les médinas impériales"
    )
    unpublished = MeetingFactory(title="Comité interne", starts_at=start, ends_at=published.ends_at)
    unpublished.minutes = "Desserte aérienne : arbitrage budgétaire confidentiel."
    unpublished.save()
    RecommendationFactory(
        organization=fes, author=president, title="Brouillon sur l'oléotourisme", status="draft"
    )
    RecommendationFactory(
        organization=other, title="Brouillon d'oléotourisme voisin", status="draft"
    )
    submitted = RecommendationFactory(organization=fes, author=president, title="Eductours")
    services.message_post(
        recommendation=submitted,
        author=staff,
        body="Note : oléotourisme hors budget",
        from_reviewer=True,
        internal=True,
    )
    MilestoneFactory(title="Salon de l'oléotourisme à Meknès")
    return {"member": member}


def results(client, user, q):
    client.force_login(user)
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    return {
        group.kind: [str(hit.title) for hit in group.hits] for group in response.context["groups"]
    }


def test_finds_a_person_accents_and_case_ignored(client, world):
    found = results(client, world["member"], "SIHAM rida")
    assert found["person"] == ["<mark>Siham</mark> <mark>Rida</mark>"]
    assert "organization" in results(client, world["member"], "fes meknes")


def test_finds_a_phrase_of_the_minutes_and_an_outcome(client, world):
    found = results(client, world["member"], "desserte aérienne")
    assert found["meeting"] == ["Rencontre de Casablanca"]  # not the unpublished one
    assert results(client, world["member"], "medinas imperiales")["outcome"]


def test_onmt_finds_the_minutes_of_an_unpublished_meeting(client, staff, world):
    found = results(client, staff, "desserte aerienne")
    assert set(found["meeting"]) == {"Rencontre de Casablanca", "Comité interne"}


def test_a_draft_of_ones_own_organization_but_never_anothers(client, world):
    found = results(client, world["member"], "oleotourisme")
    assert found["recommendation"] == ["Brouillon sur l&#x27;<mark>oléotourisme</mark>"]
    assert found["milestone"] == ["Salon de l&#x27;<mark>oléotourisme</mark> à Meknès"]
    assert "recommendation" not in results(client, world["member"], "voisin")


def test_never_an_internal_note(client, world):
    assert results(client, world["member"], "hors budget") == {}


def test_highlights_are_escaped(client, world):
    # A word no generated French name holds (« ali » matched « Chevalier »).
    PersonFactory(first_name="<b>Zalizq</b>", last_name="Test")
    found = results(client, world["member"], "zalizq")
    assert found["person"] == ["&lt;b&gt;<mark>Zalizq</mark>&lt;/b&gt; Test"]


def test_too_short_a_query_searches_nothing(client, world):
    client.force_login(world["member"])
    response = client.get("/search/", {"q": "a"})
    assert response.context["groups"] == [] and response.context["too_short"]


@pytest.mark.parametrize("rows", [1, 30])
def test_the_same_queries_for_1_or_30_hits_per_kind(
    client, staff, django_assert_max_num_queries, rows
):
    for index in range(rows):
        OrganizationFactory(name=f"Conseil provincial du tourisme {index}")
        PersonFactory(first_name="Tourisme", last_name=f"Personne {index}")
        MeetingFactory(title=f"Comité tourisme {index}")
        RecommendationFactory(title=f"Tourisme durable {index}")
        MilestoneFactory(title=f"Salon du tourisme {index}")
    client.force_login(staff)

    with django_assert_max_num_queries(14):
        response = client.get("/search/", {"q": "tourisme"})

    assert {group.kind for group in response.context["groups"]} >= {
        "organization",
        "person",
        "meeting",
        "recommendation",
        "milestone",
    }
