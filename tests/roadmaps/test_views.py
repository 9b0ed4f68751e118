"""The recommendation loop and the roadmap screens, through the views."""

import datetime
import re

import pytest
from django.utils import timezone

from roadmaps.models import Milestone, Recommendation

from ..helpers.factories import (
    MarketFactory,
    MeetingFactory,
    MembershipFactory,
    MilestoneFactory,
    OrganizationFactory,
    RecommendationFactory,
    RoadmapFactory,
)

pytestmark = pytest.mark.django_db


def test_a_council_president_submits_a_recommendation_for_their_organization(
    client, council_fes, fes
):
    fr = MarketFactory(code="FR")
    client.force_login(council_fes)
    form = client.get("/recommendations/new/").context["form"]
    assert form.initial["organization"] == fes[0].pk  # preset: their only organization

    response = client.post(
        "/recommendations/new/",
        {
            "organization": fes[0].pk,
            "markets": [fr.pk],
            "theme": "digital",
            "priority": "high",
            "title": "Campagne digitale France",
            "body": "Cibler les **familles** françaises.",
            "submit": "1",
        },
    )

    recommendation = Recommendation.objects.get()
    assert response["Location"] == f"/recommendations/{recommendation.pk}/"
    assert recommendation.status == "submitted"
    assert recommendation.author == fes[1]
    assert list(recommendation.markets.all()) == [fr]


def test_a_draft_stays_a_draft_and_another_organization_cannot_be_chosen(client, council_fes, fes):
    other = OrganizationFactory(short_name="AUTRE")
    fr = MarketFactory(code="FR")
    client.force_login(council_fes)
    base = {"markets": [fr.pk], "theme": "other", "priority": "low", "title": "T", "body": "B"}

    refused = client.post("/recommendations/new/", {**base, "organization": other.pk})
    assert refused.status_code == 200 and "organization" in refused.context["form"].errors
    assert Recommendation.objects.count() == 0

    client.post("/recommendations/new/", {**base, "organization": fes[0].pk, "draft": "1"})
    assert Recommendation.objects.get().status == "draft"


def test_markets_are_required(client, council_fes, fes):
    client.force_login(council_fes)
    response = client.post(
        "/recommendations/new/",
        {"organization": fes[0].pk, "theme": "other", "priority": "low", "title": "T", "body": "B"},
    )
    assert "markets" in response.context["form"].errors
    assert Recommendation.objects.count() == 0


def test_a_stale_edit_of_a_recommendation_is_refused_with_the_text_kept(client, council_fes, fes):
    recommendation = RecommendationFactory(organization=fes[0], author=fes[1])
    fr = recommendation.markets.get()
    client.force_login(council_fes)
    data = {
        "markets": [fr.pk],
        "theme": "other",
        "priority": "low",
        "body": "B",
        "version": recommendation.version,
    }
    assert (
        client.post(
            f"/recommendations/{recommendation.pk}/edit/", {**data, "title": "Premier"}
        ).status_code
        == 302
    )

    response = client.post(
        f"/recommendations/{recommendation.pk}/edit/", {**data, "title": "Mon second texte"}
    )

    assert response.status_code == 200
    assert 'value="Mon second texte"' in response.content.decode()
    assert "Quelqu’un d’autre a enregistré" in response.content.decode()
    assert Recommendation.objects.get().title == "Premier"


def test_staff_take_under_review_then_accept_into_a_new_milestone(client, staff, fes):
    roadmap = RoadmapFactory(market=MarketFactory(code="FR"))
    recommendation = RecommendationFactory(
        organization=fes[0], author=fes[1], markets=[roadmap.market]
    )
    client.force_login(staff)
    url = f"/recommendations/{recommendation.pk}/review/"

    client.post(url, {"action": "start_review"})
    recommendation.refresh_from_db()
    assert recommendation.status == "under_review"

    response = client.post(
        url,
        {
            "action": "decide",
            "version": recommendation.version,
            "decision": "accept_new",
            "roadmap": roadmap.pk,
            "milestone_title": "Campagne digitale",
            "due_date": "2030-09-01",
            "response": "Retenue pour l'automne.",
            "review_notes": "Budget à confirmer",
        },
    )

    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.status == "accepted"
    milestone = Milestone.objects.get()
    assert (milestone.roadmap, milestone.owner) == (roadmap, roadmap.owner)
    assert list(milestone.recommendations.all()) == [recommendation]


def test_declining_without_an_answer_is_refused_in_the_form(client, staff, fes):
    recommendation = RecommendationFactory(status="under_review", organization=fes[0])
    client.force_login(staff)

    response = client.post(
        f"/recommendations/{recommendation.pk}/review/",
        {"action": "decide", "version": recommendation.version, "decision": "decline"},
    )

    assert response.status_code == 200
    assert "demande une réponse au partenaire" in response.content.decode()
    recommendation.refresh_from_db()
    assert recommendation.status == "under_review"


def test_the_submitter_sees_the_answer_and_the_milestone(client, council_fes, fes):
    milestone = MilestoneFactory(title="Campagne digitale")
    recommendation = RecommendationFactory(
        organization=fes[0],
        author=fes[1],
        status="accepted",
        response="Acceptée, merci.",
        review_notes="Ne pas montrer",
        markets=[milestone.roadmap.market],
    )
    milestone.recommendations.add(recommendation)
    client.force_login(council_fes)

    page = client.get(f"/recommendations/{recommendation.pk}/").content.decode()

    assert "Acceptée, merci." in page
    assert "Campagne digitale" in page
    assert "Ne pas montrer" not in page


def test_progress_is_updated_inline_with_htmx(client, delegate_fr):
    fr = MarketFactory(code="FR")
    delegation = OrganizationFactory(kind="delegation")
    delegation.markets.add(fr)
    MembershipFactory(person__user=delegate_fr, organization=delegation, role="delegate")
    milestone = MilestoneFactory(roadmap=RoadmapFactory(market=fr))
    client.force_login(delegate_fr)
    url = f"/roadmaps/milestones/{milestone.pk}/progress/"

    response = client.post(url, {"progress": 40}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert f'id="milestone-{milestone.pk}"' in response.content.decode()
    assert "<html" not in response.content.decode()
    milestone.refresh_from_db()
    assert (milestone.progress, milestone.status) == (40, "in_progress")

    client.post(url, {"progress": 100}, HTTP_HX_REQUEST="true")
    milestone.refresh_from_db()
    assert milestone.status == "done" and milestone.completed_on == timezone.localdate()

    bad = client.post(url, {"progress": 140}, HTTP_HX_REQUEST="true")
    assert bad.status_code == 200 and 'role="alert"' in bad.content.decode()
    milestone.refresh_from_db()
    assert milestone.progress == 100


def test_an_inline_progress_update_refreshes_the_roadmap_figures(client, staff):
    roadmap = RoadmapFactory()
    milestone = MilestoneFactory(roadmap=roadmap, progress=0)
    MilestoneFactory(roadmap=roadmap, progress=0)
    client.force_login(staff)

    response = client.post(
        f"/roadmaps/milestones/{milestone.pk}/progress/", {"progress": 40}, HTTP_HX_REQUEST="true"
    )

    summary = response.content.decode().split('id="roadmap-summary"')[1]
    assert summary.startswith(' hx-swap-oob="true"')
    assert 'aria-valuenow="20"' in summary  # (40 + 0) / 2


def test_a_stale_milestone_edit_is_refused(client, staff):
    milestone = MilestoneFactory(title="Avant")
    client.force_login(staff)
    data = {
        "due_date": milestone.due_date.isoformat(),
        "owner": milestone.owner.pk,
        "status": "planned",
        "progress": 0,
        "version": milestone.version,
    }
    client.post(f"/roadmaps/milestones/{milestone.pk}/edit/", {**data, "title": "Premier"})
    response = client.post(
        f"/roadmaps/milestones/{milestone.pk}/edit/", {**data, "title": "Second"}
    )
    assert response.status_code == 200
    assert 'value="Second"' in response.content.decode()
    milestone.refresh_from_db()
    assert milestone.title == "Premier"


def test_a_milestone_outside_the_period_is_refused_in_the_form(client, staff):
    roadmap = RoadmapFactory()
    client.force_login(staff)
    response = client.post(
        f"/roadmaps/{roadmap.pk}/milestones/new/",
        {
            "title": "Hors période",
            "due_date": "2031-02-01",
            "owner": roadmap.owner.pk,
            "status": "planned",
            "progress": 0,
        },
    )
    assert response.status_code == 200
    assert "doit se situer dans la période" in response.content.decode()
    assert Milestone.objects.count() == 0


def test_follow_up_milestones_are_added_from_the_meeting_outcomes_screen(client, staff):
    roadmap = RoadmapFactory(market=MarketFactory(code="FR"))
    start = timezone.now() - datetime.timedelta(days=1)
    meeting = MeetingFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    meeting.markets.add(roadmap.market)
    client.force_login(staff)

    outcomes = client.get(f"/meetings/{meeting.pk}/outcomes/").content.decode()
    assert f'action="/roadmaps/from-meeting/{meeting.pk}/"' in outcomes
    response = client.post(
        f"/roadmaps/from-meeting/{meeting.pk}/",
        {"roadmap": roadmap.pk, "title": "Relancer les TO", "due_date": "2030-03-01"},
    )

    assert response["Location"] == f"/meetings/{meeting.pk}/outcomes/"
    milestone = Milestone.objects.get()
    assert (milestone.source_meeting, milestone.owner) == (meeting, roadmap.owner)
    assert "Relancer les TO" in client.get(f"/meetings/{meeting.pk}/").content.decode()


@pytest.fixture
def held_meeting_of_fr():
    roadmap = RoadmapFactory(market=MarketFactory(code="FR"))
    start = timezone.now() - datetime.timedelta(days=1)
    meeting = MeetingFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    meeting.markets.add(roadmap.market)
    return meeting, roadmap


def test_a_refused_follow_up_comes_back_in_place_with_what_was_typed(
    client, staff, held_meeting_of_fr
):
    meeting, roadmap = held_meeting_of_fr
    client.force_login(staff)

    response = client.post(
        f"/roadmaps/from-meeting/{meeting.pk}/",
        {"roadmap": roadmap.pk, "title": "Relancer les TO"},
        HTTP_HX_REQUEST="true",
    )

    page = response.content.decode()
    assert response.status_code == 200 and "<html" not in page
    assert '<div id="followup-panel">' in page
    assert 'value="Relancer les TO"' in page
    date_input = re.search(r'<input[^>]*id="id_due_date"[^>]*>', page).group(0)
    assert "is-invalid" in date_input
    assert "Ce champ est obligatoire" in page
    assert Milestone.objects.count() == 0


def test_an_added_follow_up_answers_its_panel_only(client, staff, held_meeting_of_fr):
    meeting, roadmap = held_meeting_of_fr
    client.force_login(staff)

    response = client.post(
        f"/roadmaps/from-meeting/{meeting.pk}/",
        {"roadmap": roadmap.pk, "title": "Relancer les TO", "due_date": "2030-03-01"},
        HTTP_HX_REQUEST="true",
    )

    page = response.content.decode()
    assert "jalon de suivi est ajouté" in page and "<bdi>Relancer les TO</bdi>" in page
    assert 'value="Relancer les TO"' not in page  # a blank form for the next one
    assert Milestone.objects.get().source_meeting == meeting


def test_without_htmx_a_refused_follow_up_names_its_field(client, staff, held_meeting_of_fr):
    meeting, roadmap = held_meeting_of_fr
    client.force_login(staff)

    response = client.post(
        f"/roadmaps/from-meeting/{meeting.pk}/", {"roadmap": roadmap.pk}, follow=True
    )

    page = response.content.decode()
    assert "Échéance\u00a0: Ce champ est obligatoire" in page
    assert "Jalon de suivi\u00a0: Ce champ est obligatoire" in page


def test_the_organization_page_lists_only_the_recommendations_the_viewer_may_see(
    client, council_rabat, staff, fes
):
    RecommendationFactory(organization=fes[0], title="Soumise visible")
    RecommendationFactory(organization=fes[0], status="draft", title="Brouillon caché")
    url = f"/partners/{fes[0].pk}/"

    client.force_login(staff)
    page = client.get(url).content.decode()
    assert "Soumise visible" in page and "Brouillon caché" not in page

    client.force_login(council_rabat)
    page = client.get(url).content.decode()
    assert "Soumise visible" not in page


@pytest.mark.parametrize("rows", [1, 50])
def test_recommendation_list_query_budget(client, staff, django_assert_max_num_queries, rows):
    RecommendationFactory.create_batch(rows)
    client.force_login(staff)
    client.get("/recommendations/")
    with django_assert_max_num_queries(12):
        response = client.get("/recommendations/")
    assert response.context["page"].paginator.count == rows


@pytest.mark.parametrize("rows", [1, 50])
def test_recommendation_detail_query_budget(client, staff, django_assert_max_num_queries, rows):
    recommendation = RecommendationFactory()
    for _ in range(rows):
        MilestoneFactory().recommendations.add(recommendation)
    client.force_login(staff)
    client.get("/recommendations/")
    with django_assert_max_num_queries(11):  # 10 + the conversation
        response = client.get(f"/recommendations/{recommendation.pk}/")
    assert len(response.context["milestones"]) == rows


@pytest.mark.parametrize("rows", [1, 50])
def test_roadmap_pages_query_budget(client, staff, django_assert_max_num_queries, rows):
    roadmap = RoadmapFactory()
    for _ in range(rows):
        MilestoneFactory(roadmap=roadmap).recommendations.add(RecommendationFactory())
        RoadmapFactory(market=MarketFactory())
    client.force_login(staff)
    client.get("/roadmaps/")
    with django_assert_max_num_queries(8):
        listing = client.get("/roadmaps/")
    with django_assert_max_num_queries(10):
        detail = client.get(f"/roadmaps/{roadmap.pk}/")
    assert len(listing.context["roadmaps"]) == rows + 1
    # A page of rows (roadmaps/selectors/roadmaps.py: MILESTONES_PER_PAGE), out of all.
    assert len(detail.context["milestones"]) == min(rows, 25)
    assert detail.context["milestone_page"].paginator.count == rows


def test_admin_pages_of_roadmaps_render(admin_client):
    milestone = MilestoneFactory()
    recommendation = RecommendationFactory()
    for url in [
        "/admin/roadmaps/roadmap/",
        f"/admin/roadmaps/roadmap/{milestone.roadmap_id}/change/",
        "/admin/roadmaps/milestone/",
        f"/admin/roadmaps/milestone/{milestone.pk}/change/",
        "/admin/roadmaps/recommendation/",
        f"/admin/roadmaps/recommendation/{recommendation.pk}/change/",
        "/admin/meetings/meeting/",
        f"/admin/meetings/meeting/{MeetingFactory().pk}/change/",
    ]:
        assert admin_client.get(url).status_code == 200, url


def test_recommendation_search_ignores_accents_and_case_in_title_body_and_organization(
    client, staff
):
    fes = OrganizationFactory(short_name="CRT Fès-Meknès")
    by_title = RecommendationFactory(title="Salon de Fès", body="Stand commun.")
    by_body = RecommendationFactory(title="Salon", body="Une présence à FÈS en mars.")
    by_organization = RecommendationFactory(organization=fes, title="Autre", body="Rien.")
    unrelated = RecommendationFactory(title="Marrakech", body="Soirée de gala.")
    two_words = RecommendationFactory(title="Promotion digitale", body="Campagne réseaux.")
    client.force_login(staff)

    def found(q):
        page = client.get("/recommendations/", {"q": q}).context["page"]
        return {recommendation.pk for recommendation in page.object_list}

    assert found("fes") == {by_title.pk, by_body.pk, by_organization.pk}
    assert found("MEKNES") == {by_organization.pk}
    assert found("soiree GALA") == {unrelated.pk}
    assert found("digitale reseaux") == {two_words.pk}  # every word, each anywhere
    assert found("zzzz") == set()


@pytest.mark.parametrize(("language", "legend"), [("fr", "2\xa0en retard"), ("en", "2 overdue")])
def test_a_red_count_says_what_it_counts(client, staff, language, legend):
    today = timezone.localdate()
    roadmap = RoadmapFactory(
        starts_on=today - datetime.timedelta(days=60), ends_on=today + datetime.timedelta(days=200)
    )
    for _ in range(2):
        MilestoneFactory(roadmap=roadmap, due_date=today - datetime.timedelta(days=3))
    client.force_login(staff)
    client.cookies["portal_language"] = language
    for url in ["/roadmaps/", f"/markets/{roadmap.market.code}/", "/"]:
        page = client.get(url).content.decode()
        badge = re.search(r'<span class="badge text-bg-danger">([^<]*)</span>', page)
        assert badge, url
        assert badge.group(1).replace(" ", "\xa0") == legend.replace(" ", "\xa0"), url
