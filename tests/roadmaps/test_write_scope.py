"""Writes are scoped like reads: the target of a write is asked about too, and
what a page links to is filtered through the viewer's rights."""

import datetime

import pytest
from django.utils import timezone

from meetings.models import Meeting
from partners.models import Membership, PartnershipAgreement
from roadmaps.models import Milestone, Recommendation

from ..helpers.factories import (
    MarketFactory,
    MeetingFactory,
    MembershipFactory,
    MilestoneFactory,
    OrganizationFactory,
    ParticipantFactory,
    RecommendationFactory,
    RoadmapFactory,
    onmt_office,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_markets(delegate_fr):
    fr, es = MarketFactory(code="FR"), MarketFactory(code="ES")
    delegation = OrganizationFactory(short_name="ONMT-FR", kind="delegation")
    delegation.markets.add(fr)
    MembershipFactory(person__user=delegate_fr, organization=delegation, role="delegate")
    recommendation = RecommendationFactory(status="under_review", markets=[fr, es])
    return {
        "recommendation": recommendation,
        "fr": RoadmapFactory(market=fr, title="Feuille de route France"),
        "es": RoadmapFactory(market=es, title="Feuille de route Espagne"),
    }


def review(client, recommendation, **data):
    return client.post(
        f"/recommendations/{recommendation.pk}/review/",
        {"action": "decide", "version": recommendation.version, "response": "Oui", **data},
    )


def test_the_review_form_offers_only_the_roadmaps_the_reviewer_may_edit(
    client, delegate_fr, two_markets
):
    recommendation = two_markets["recommendation"]
    MilestoneFactory(roadmap=two_markets["fr"], title="Jalon français")
    MilestoneFactory(roadmap=two_markets["es"], title="Jalon espagnol")
    client.force_login(delegate_fr)
    html = client.get(f"/recommendations/{recommendation.pk}/review/").content.decode()
    # Searchable pickers, scoped by the recommendation: no roadmap or milestone
    # is listed until the reviewer searches.
    assert f"/pick/decision-roadmaps/?recommendation={recommendation.pk}" in html
    assert f"/pick/decision-milestones/?recommendation={recommendation.pk}" in html
    assert "Feuille de route France" not in html and "Jalon français" not in html

    def offered(kind, term):
        url = f"/pick/{kind}/"
        params = {"recommendation": recommendation.pk, "term": term}
        return client.get(url, params, HTTP_HX_REQUEST="true").content.decode()

    assert "Feuille de route France" in offered("decision-roadmaps", "feuille")
    assert "Feuille de route Espagne" not in offered("decision-roadmaps", "feuille")
    milestones = offered("decision-milestones", "jalon")
    assert "Feuille de route France — Jalon français" in milestones
    assert "espagnol" not in milestones


def test_the_review_pickers_answer_only_a_reviewer_of_that_recommendation(
    client, delegate_fr, council_fes, two_markets
):
    recommendation = two_markets["recommendation"]
    unseen = RecommendationFactory(status="under_review", markets=[MarketFactory(code="DE")])
    MilestoneFactory(roadmap=two_markets["fr"], title="Jalon français")
    url = "/pick/decision-milestones/"

    client.force_login(delegate_fr)
    # One they may not see, an id that is none, no id: the same refusal.
    for params in ({"recommendation": unseen.pk}, {"recommendation": "x"}, {}):
        assert client.get(url, {**params, "term": "jalon"}).status_code == 403

    client.force_login(council_fes)  # may not review, whatever they see
    refused = client.get(url, {"recommendation": recommendation.pk, "term": "jalon"})
    assert refused.status_code in (403, 404)
    assert "Jalon" not in refused.content.decode()


def test_a_delegate_cannot_accept_into_another_markets_roadmap(client, delegate_fr, two_markets):
    recommendation = two_markets["recommendation"]
    spain_milestone = MilestoneFactory(roadmap=two_markets["es"], title="Jalon espagnol")
    client.force_login(delegate_fr)

    new = review(
        client,
        recommendation,
        decision="accept_new",
        roadmap=two_markets["es"].pk,
        milestone_title="Créé en Espagne",
        due_date=two_markets["es"].starts_on.isoformat(),
    )
    existing = review(
        client, recommendation, decision="accept_existing", milestone=spain_milestone.pk
    )

    for response in (new, existing):
        assert response.status_code == 200
        assert response.context["form"].errors
    assert not Milestone.objects.filter(title="Créé en Espagne").exists()
    assert not spain_milestone.recommendations.exists()
    assert Recommendation.objects.get(pk=recommendation.pk).status == "under_review"


def test_staff_accept_into_either_market(client, staff, two_markets):
    client.force_login(staff)
    response = review(
        client,
        two_markets["recommendation"],
        decision="accept_new",
        roadmap=two_markets["es"].pk,
        milestone_title="Créé en Espagne",
        due_date=two_markets["es"].starts_on.isoformat(),
    )
    assert response.status_code == 302
    assert Milestone.objects.get(title="Créé en Espagne").roadmap == two_markets["es"]


def test_work_is_given_only_to_people_with_a_current_mandate(client, staff):
    milestone = MilestoneFactory(title="Jalon")
    gone = MembershipFactory(end_date=datetime.date(2023, 12, 31)).person
    client.force_login(staff)
    url = f"/roadmaps/milestones/{milestone.pk}/edit/"
    form_page = client.get(url).content.decode()
    assert gone.last_name not in form_page

    response = client.post(
        url,
        {
            "title": "Jalon",
            "due_date": milestone.due_date.isoformat(),
            "owner": gone.pk,
            "status": "planned",
            "progress": 0,
            "version": milestone.version,
        },
    )

    assert "aucun mandat en cours" in response.content.decode()
    assert Milestone.objects.get(pk=milestone.pk).owner_id == milestone.owner_id


def test_a_new_milestone_left_to_a_roadmap_owner_without_mandate_needs_an_owner(
    client, staff, two_markets
):
    roadmap = two_markets["fr"]
    Membership.objects.filter(person=roadmap.owner).update(end_date=datetime.date(2023, 1, 1))
    client.force_login(staff)
    response = review(
        client,
        two_markets["recommendation"],
        decision="accept_new",
        roadmap=roadmap.pk,
        milestone_title="Sans responsable",
        due_date=roadmap.starts_on.isoformat(),
    )
    assert "choisissez qui" in response.content.decode()
    assert not Milestone.objects.filter(title="Sans responsable").exists()


# --- what a page links to -----------------------------------------------------------


def test_a_council_member_never_sees_a_draft_roadmaps_milestone_on_their_recommendation(
    client, council_fes
):
    fes = OrganizationFactory(short_name="CRT Fès")
    author = MembershipFactory(person__user=council_fes, organization=fes).person
    recommendation = RecommendationFactory(organization=fes, author=author, status="accepted")
    draft = RoadmapFactory(status="draft", title="Feuille de route en préparation")
    MilestoneFactory(roadmap=draft, title="JALON-BROUILLON").recommendations.add(recommendation)
    active = RoadmapFactory(market=MarketFactory(code="ES"), status="active")
    MilestoneFactory(roadmap=active, title="JALON-ACTIF").recommendations.add(recommendation)
    client.force_login(council_fes)

    html = client.get(f"/recommendations/{recommendation.pk}/").content.decode()

    assert "JALON-ACTIF" in html
    assert "JALON-BROUILLON" not in html
    assert "Feuille de route en préparation" not in html


def test_a_milestone_shows_its_meeting_only_to_those_who_may_see_it(client, council_fes, staff):
    MembershipFactory(person__user=council_fes)
    roadmap = RoadmapFactory(status="active")
    start = timezone.now() - datetime.timedelta(days=2)
    unpublished = MeetingFactory(
        title="REUNION-NON-PUBLIEE", starts_at=start, ends_at=start + datetime.timedelta(hours=1)
    )
    Meeting.objects.filter(pk=unpublished.pk).update(status="held")
    MilestoneFactory(roadmap=roadmap, source_meeting=unpublished)

    client.force_login(council_fes)
    assert "REUNION-NON-PUBLIEE" not in client.get(f"/roadmaps/{roadmap.pk}/").content.decode()
    client.force_login(staff)
    assert "REUNION-NON-PUBLIEE" in client.get(f"/roadmaps/{roadmap.pk}/").content.decode()


def test_an_agreement_is_listed_to_its_signatories_and_onmt_only(
    client, council_fes, council_rabat
):
    cnt = OrganizationFactory(short_name="CNT", kind="confederation")
    agreement = PartnershipAgreement.objects.create(
        title="CONVENTION-INTERNE", signed_on=datetime.date(2022, 4, 1)
    )
    agreement.parties.add(onmt_office(), cnt)
    MembershipFactory(person__user=council_fes, organization=cnt)
    other = MembershipFactory(person__user=council_rabat).organization
    ParticipantFactory(organization=other)
    url = f"/partners/{cnt.pk}/"

    client.force_login(council_fes)
    assert "CONVENTION-INTERNE" in client.get(url).content.decode()
    client.force_login(council_rabat)
    assert "CONVENTION-INTERNE" not in client.get(url).content.decode()
