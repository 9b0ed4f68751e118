"""The inbox: for each demo role, exactly what waits for them — one seeded case of
each kind on top of the demo — oldest first, with the count in the navigation
bar; a fixed number of queries whatever the number of items."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from meetings.models import Meeting, Outcome
from partners.models import Membership, Person
from roadmaps import services
from roadmaps.models import Recommendation, Roadmap

from ..helpers.factories import (
    MandatedPersonFactory,
    MembershipFactory,
    MilestoneFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def user(username):
    return get_user_model().objects.get(username=username)


@pytest.fixture
def demo(db):
    call_command("seed_demo", force=True)
    staff = user("onmt.staff")
    # A question to CRT Fès-Meknès about its recommendation under review.
    guides = Recommendation.objects.get(title="Associer les guides locaux aux eductours (démo)")
    services.message_post(
        recommendation=guides, author=staff, body="Combien de guides ?", from_reviewer=True
    )
    # An outcome of a meeting onmt.staff created and held, with no action yet.
    start = timezone.now() - datetime.timedelta(days=10)
    held = Meeting.objects.create(
        title="Comité de suivi (démo)",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        organizer=Membership.objects.filter(organization__short_name="ONMT").first().organization,
        status=Meeting.Status.HELD,
        created_by=staff,
    )
    Outcome.objects.create(meeting=held, kind="commitment", text="Relancer les salons (démo)")
    # A person whose mandate ended, still owning an open milestone.
    gone = PersonFactory(first_name="Ancien délégué", last_name="(démo)")
    active = Roadmap.objects.filter(status="active", market__code="ES").first()
    MilestoneFactory(roadmap=active, owner=gone, title="Jalon sans titulaire (démo)")
    return {"guides": guides}


def listed(client, username):
    client.force_login(user(username))
    response = client.get("/inbox/")
    assert response.status_code == 200
    return [(item.kind, item.title) for item in response.context["items"]]


def test_each_demo_role_sees_exactly_what_waits_for_them(client, demo):
    workshop = ("invitation", "Atelier de suivi des feuilles de route — marché France (démo)")

    staff = listed(client, "onmt.staff")
    review = ("review", "Valoriser Rabat, ville lumière, auprès du marché britannique (démo)")
    # Staff own the roadmaps of the markets without a delegation abroad.
    staff_milestones = {
        ("milestone", f"Campagne digitale de saison — {market} (démo)")
        for market in ("Marché national", "Marocains résidant à l'étranger")
    }
    assert set(staff) == {
        review,
        ("outcome", "Relancer les salons (démo)"),
        ("hand_over", "Ancien délégué (démo)"),
        *staff_milestones,
    }  # the guides and the desert circuits wait for their councils' answers
    assert len(staff) == len(set(staff))

    delegate = listed(client, "delegate.fr")
    assert set(delegate) == {
        workshop,
        ("milestone", "Campagne digitale de saison — France (démo)"),
    }

    fes = listed(client, "crt.fes")
    assert set(fes) == {workshop, ("question", "Associer les guides locaux aux eductours (démo)")}
    assert listed(client, "crt.rabat") == []
    assert listed(client, "cpt.ouarzazate") == [
        ("question", "Circuits désert pour les familles espagnoles (démo)")
    ]
    assert set(listed(client, "admin")) == set(staff) - {
        ("outcome", "Relancer les salons (démo)"),
        *staff_milestones,
    }


def test_items_come_oldest_first_with_their_links(client, demo):
    client.force_login(user("delegate.fr"))

    items = client.get("/inbox/").context["items"]

    assert [item.sort_key for item in items] == sorted(item.sort_key for item in items)
    assert all(item.url.startswith("/") for item in items)


def test_the_count_in_the_navigation_bar(client, demo):
    client.force_login(user("crt.fes"))

    page = client.get("/").content.decode()
    count = client.get("/inbox/count/").content.decode()

    assert 'hx-get="/inbox/count/"' in page
    assert '<span class="badge rounded-pill text-bg-light inbox-count">2' in count


def test_answering_clears_the_item(client, demo):
    client.force_login(user("crt.fes"))
    client.post(f"/recommendations/{demo['guides'].pk}/messages/", {"body": "Six guides."})

    assert ("question", "Associer les guides locaux aux eductours (démo)") not in listed(
        client, "crt.fes"
    )
    assert ("review", "Associer les guides locaux aux eductours (démo)") in listed(
        client, "onmt.staff"
    )


def test_without_a_mandate_there_is_no_inbox(client, demo):
    loner = get_user_model().objects.create_user("sans.mandat", password="x-Y-z-123456")
    Person.objects.create(first_name="Sans", last_name="Mandat", user=loner)
    client.force_login(loner)

    assert client.get("/inbox/").status_code == 403
    assert client.get("/inbox/count/").status_code == 403


@pytest.mark.parametrize("extra", [1, 40])
def test_the_inbox_costs_the_same_queries_for_1_or_40_items_of_each_kind(
    client, demo, django_assert_max_num_queries, extra
):
    staff = user("onmt.staff")
    delegate = Person.objects.get(user__username="delegate.fr")
    roadmap = Roadmap.objects.get(status="active", market__code="FR")
    meeting = Meeting.objects.get(title="Comité de suivi (démo)")
    for index in range(extra):
        MilestoneFactory(roadmap=roadmap, owner=delegate, due_date=roadmap.starts_on)
        Outcome.objects.create(meeting=meeting, kind="decision", text=f"Décision {index}")
    client.force_login(staff)

    with django_assert_max_num_queries(16):
        client.get("/inbox/")
    client.force_login(user("delegate.fr"))
    with django_assert_max_num_queries(16):
        response = client.get("/inbox/")
    assert sum(item.kind == "milestone" for item in response.context["items"]) == 1 + extra


def test_a_hand_over_counts_each_open_milestone_once_and_dates_from_the_last_mandate(client, demo):
    gone = PersonFactory(first_name="Ancienne présidente", last_name="(démo)")
    for start, end in (
        (datetime.date(2019, 1, 1), datetime.date(2020, 6, 30)),
        (datetime.date(2020, 7, 1), datetime.date(2023, 3, 31)),
    ):
        MembershipFactory(person=gone, start_date=start, end_date=end)
    active = Roadmap.objects.filter(status="active", market__code="ES").first()
    for title in ("Premier jalon (démo)", "Second jalon (démo)"):
        MilestoneFactory(roadmap=active, owner=gone, title=title)
    MilestoneFactory(
        roadmap=active,
        owner=gone,
        title="Fait (démo)",
        status="done",
        progress=100,
        completed_on=datetime.date(2023, 3, 1),
    )
    # Someone still mandated who owns open milestones is not a hand-over.
    MilestoneFactory(roadmap=active, owner=MandatedPersonFactory(), title="Suivi (démo)")
    client.force_login(user("onmt.staff"))

    items = client.get("/inbox/").context["items"]

    hand_overs = {item.title: item for item in items if item.kind == "hand_over"}
    assert set(hand_overs) == {"Ancien délégué (démo)", "Ancienne présidente (démo)"}
    assert (
        hand_overs["Ancienne présidente (démo)"].detail == "2 jalons ouverts à confier à quelqu’un"
    )
    assert hand_overs["Ancienne présidente (démo)"].since == datetime.date(2023, 3, 31)
