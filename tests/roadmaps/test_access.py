"""Every recommendation and roadmap URL, for every role."""

import pytest

from partners.roles import Role
from roadmaps.models import Recommendation

from ..helpers.factories import (
    MarketFactory,
    MembershipFactory,
    MilestoneFactory,
    OrganizationFactory,
    RecommendationFactory,
    RoadmapFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(council_fes, council_rabat, delegate_fr):
    fr, es = MarketFactory(code="FR"), MarketFactory(code="ES")
    crt_fes = OrganizationFactory(short_name="CRT Fès-Meknès")
    crt_rabat = OrganizationFactory(short_name="CRT Rabat")
    fes_person = MembershipFactory(
        person__user=council_fes, organization=crt_fes, role="president"
    ).person
    MembershipFactory(person__user=council_rabat, organization=crt_rabat, role="president")
    delegation = OrganizationFactory(short_name="ONMT-FR", kind="delegation")
    delegation.markets.add(fr)
    MembershipFactory(person__user=delegate_fr, organization=delegation, role="delegate")
    common = {"organization": crt_fes, "author": fes_person}
    return {
        "draft": RecommendationFactory(
            status="draft", submitted_at=None, markets=[fr], title="Brouillon Fès", **common
        ),
        "submitted_fr": RecommendationFactory(markets=[fr], title="Soumise FR", **common),
        "under_review_es": RecommendationFactory(
            status="under_review",
            markets=[es],
            title="Pour l'Espagne",
            review_notes="Note interne confidentielle",
            **common,
        ),
        "fr_roadmap": RoadmapFactory(market=fr, status="active"),
        "es_draft_roadmap": RoadmapFactory(market=es, status="draft"),
    }


def rec_urls(recommendation):
    base = f"/recommendations/{recommendation.pk}/"
    return {"detail": base, "edit": base + "edit/", "review": base + "review/"}


def test_anonymous_users_are_sent_to_log_in(client, world):
    urls = [
        "/recommendations/",
        "/recommendations/new/",
        *rec_urls(world["draft"]).values(),
        "/roadmaps/",
        "/roadmaps/new/",
        f"/roadmaps/{world['fr_roadmap'].pk}/",
        f"/roadmaps/{world['fr_roadmap'].pk}/edit/",
        f"/roadmaps/{world['fr_roadmap'].pk}/milestones/new/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_the_submitting_council_sees_its_recommendations_drafts_included_but_no_review_notes(
    client, council_fes, world
):
    client.force_login(council_fes)
    listed = {r.title for r in client.get("/recommendations/").context["page"]}
    assert listed == {"Brouillon Fès", "Soumise FR", "Pour l'Espagne"}
    page = client.get(rec_urls(world["under_review_es"])["detail"]).content.decode()
    assert "Note interne confidentielle" not in page
    # Editable until ONMT starts reviewing.
    assert client.get(rec_urls(world["draft"])["edit"]).status_code == 200
    assert client.get(rec_urls(world["submitted_fr"])["edit"]).status_code == 200
    assert client.get(rec_urls(world["under_review_es"])["edit"]).status_code == 403
    assert client.get(rec_urls(world["submitted_fr"])["review"]).status_code == 403


def test_another_council_gets_404_for_every_one_of_them(client, council_rabat, world):
    client.force_login(council_rabat)
    assert list(client.get("/recommendations/").context["page"]) == []
    for key in ("draft", "submitted_fr", "under_review_es"):
        for url in rec_urls(world[key]).values():
            assert client.get(url).status_code == 404, url
    response = client.post(rec_urls(world["submitted_fr"])["review"], {"action": "start_review"})
    assert response.status_code == 404
    assert Recommendation.objects.get(pk=world["submitted_fr"].pk).status == "submitted"


def test_staff_review_everything_but_drafts(client, staff, world):
    client.force_login(staff)
    listed = {r.title for r in client.get("/recommendations/").context["page"]}
    assert listed == {"Soumise FR", "Pour l'Espagne"}
    assert client.get(rec_urls(world["draft"])["detail"]).status_code == 404
    assert client.get(rec_urls(world["submitted_fr"])["review"]).status_code == 200
    page = client.get(rec_urls(world["under_review_es"])["detail"]).content.decode()
    assert "Note interne confidentielle" in page
    assert client.get(rec_urls(world["submitted_fr"])["edit"]).status_code == 403


def test_a_delegate_reviews_only_what_is_aimed_at_their_markets(client, delegate_fr, world):
    client.force_login(delegate_fr)
    listed = {r.title for r in client.get("/recommendations/").context["page"]}
    assert listed == {"Soumise FR"}
    assert client.get(rec_urls(world["submitted_fr"])["review"]).status_code == 200
    # Aimed only at Spain: not theirs.
    for url in rec_urls(world["under_review_es"]).values():
        assert client.get(url).status_code == 404, url
    response = client.post(
        rec_urls(world["under_review_es"])["review"],
        {"action": "decide", "decision": "decline", "response": "Non", "version": 1},
    )
    assert response.status_code == 404
    assert Recommendation.objects.get(pk=world["under_review_es"].pk).status == "under_review"


def test_roadmaps_per_role(client, staff, delegate_fr, council_fes, world):
    fr, es_draft = world["fr_roadmap"], world["es_draft_roadmap"]
    milestone = MilestoneFactory(roadmap=fr)

    client.force_login(council_fes)
    assert [r.pk for r in client.get("/roadmaps/").context["roadmaps"]] == [fr.pk]
    assert client.get(f"/roadmaps/{fr.pk}/").status_code == 200
    assert client.get(f"/roadmaps/{es_draft.pk}/").status_code == 404
    assert client.get(f"/roadmaps/{fr.pk}/edit/").status_code == 403
    assert client.get("/roadmaps/new/").status_code == 403
    assert (
        client.post(f"/roadmaps/milestones/{milestone.pk}/progress/", {"progress": 50}).status_code
        == 403
    )

    client.force_login(delegate_fr)
    assert client.get(f"/roadmaps/{es_draft.pk}/").status_code == 200  # ONMT reads all
    assert client.get(f"/roadmaps/{es_draft.pk}/edit/").status_code == 403
    assert client.get(f"/roadmaps/{fr.pk}/edit/").status_code == 200
    assert client.get(f"/roadmaps/{fr.pk}/milestones/new/").status_code == 200
    assert client.get(f"/roadmaps/milestones/{milestone.pk}/edit/").status_code == 200
    assert client.get("/roadmaps/new/").status_code == 200

    client.force_login(staff)
    for url in (
        f"/roadmaps/{es_draft.pk}/edit/",
        "/roadmaps/new/",
        f"/roadmaps/{es_draft.pk}/milestones/new/",
    ):
        assert client.get(url).status_code == 200, url


def test_a_user_without_role_is_refused(client, world):
    client.force_login(UserFactory())
    assert client.get("/recommendations/").status_code == 403
    assert client.get("/roadmaps/").status_code == 403
    assert client.get(f"/recommendations/{world['submitted_fr'].pk}/").status_code == 404
    assert client.get(f"/roadmaps/{world['fr_roadmap'].pk}/").status_code == 404


def test_only_council_members_with_a_mandate_may_write(client, staff, world):
    client.force_login(staff)
    assert client.get("/recommendations/new/").status_code == 403
    lone = UserFactory(role=Role.COUNCIL)
    client.force_login(lone)
    assert client.get("/recommendations/new/").status_code == 403
