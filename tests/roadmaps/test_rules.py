"""Recommendation transitions, roadmap periods, milestone progress: the rules hold."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import translation

from roadmaps import services
from roadmaps.models import Milestone, Recommendation, Roadmap

from ..helpers.factories import (
    MarketFactory,
    MilestoneFactory,
    PersonFactory,
    RecommendationFactory,
    RoadmapFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date
S = Recommendation.Status


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_the_allowed_path_draft_submitted_review_accepted_implemented(staff):
    roadmap = RoadmapFactory(market=MarketFactory(code="FR"))
    recommendation = RecommendationFactory(
        status=S.DRAFT, submitted_at=None, markets=[roadmap.market]
    )

    recommendation = services.recommendation_submit(recommendation=recommendation)
    assert recommendation.status == S.SUBMITTED and recommendation.submitted_at
    recommendation = services.recommendation_start_review(recommendation=recommendation, by=staff)
    assert recommendation.status == S.UNDER_REVIEW and recommendation.review_started_by == staff
    recommendation = services.recommendation_accept(
        recommendation=recommendation,
        by=staff,
        response="Intégrée à la feuille de route.",
        milestone=MilestoneFactory(roadmap=roadmap),
    )
    assert recommendation.status == S.ACCEPTED
    assert recommendation.decided_by == staff and recommendation.decided_at
    recommendation = services.recommendation_mark_implemented(
        recommendation=recommendation, by=staff
    )
    assert recommendation.status == S.IMPLEMENTED


def test_declining_needs_an_answer(staff):
    recommendation = RecommendationFactory(status=S.UNDER_REVIEW)
    with pytest.raises(ValidationError, match="needs an answer"):
        services.recommendation_decline(recommendation=recommendation, by=staff, response="  ")
    recommendation.refresh_from_db()
    assert recommendation.status == S.UNDER_REVIEW

    declined = services.recommendation_decline(
        recommendation=recommendation, by=staff, response="Hors du périmètre de l'ONMT."
    )
    assert declined.status == S.DECLINED and declined.decided_by == staff


FORBIDDEN = [
    (S.DRAFT, "start_review"),
    (S.DRAFT, "decline"),
    (S.DRAFT, "implemented"),
    (S.SUBMITTED, "submit"),
    (S.SUBMITTED, "decline"),
    (S.SUBMITTED, "accept"),
    (S.SUBMITTED, "implemented"),
    (S.UNDER_REVIEW, "submit"),
    (S.UNDER_REVIEW, "start_review"),
    (S.UNDER_REVIEW, "implemented"),
    (S.ACCEPTED, "decline"),
    (S.ACCEPTED, "accept"),
    (S.ACCEPTED, "start_review"),
    (S.DECLINED, "accept"),
    (S.DECLINED, "implemented"),
    (S.DECLINED, "submit"),
    (S.IMPLEMENTED, "decline"),
    (S.IMPLEMENTED, "start_review"),
]


@pytest.mark.parametrize(("start", "step"), FORBIDDEN)
def test_forbidden_transitions_are_refused_and_change_nothing(staff, start, step):
    roadmap = RoadmapFactory(market=MarketFactory(code="FR"))
    recommendation = RecommendationFactory(status=start, markets=[roadmap.market])
    calls = {
        "submit": lambda: services.recommendation_submit(recommendation=recommendation),
        "start_review": lambda: services.recommendation_start_review(
            recommendation=recommendation, by=staff
        ),
        "decline": lambda: services.recommendation_decline(
            recommendation=recommendation, by=staff, response="Non."
        ),
        "accept": lambda: services.recommendation_accept(
            recommendation=recommendation,
            by=staff,
            response="Oui.",
            milestone=MilestoneFactory(roadmap=roadmap),
        ),
        "implemented": lambda: services.recommendation_mark_implemented(
            recommendation=recommendation, by=staff
        ),
    }
    with pytest.raises(ValidationError, match="not possible now"):
        calls[step]()
    recommendation.refresh_from_db()
    assert recommendation.status == start


def test_accepting_into_a_new_milestone_creates_it_in_the_right_roadmap(staff):
    fr = RoadmapFactory(market=MarketFactory(code="FR"))
    RoadmapFactory(market=MarketFactory(code="ES"))
    recommendation = RecommendationFactory(status=S.UNDER_REVIEW, markets=[fr.market])

    services.recommendation_accept(
        recommendation=recommendation,
        by=staff,
        response="Retenue.",
        new_milestone=services.NewMilestone(
            roadmap=fr, title="Campagne digitale", due_date=D(2030, 6, 1), owner=fr.owner
        ),
    )

    milestone = Milestone.objects.get()
    assert milestone.roadmap == fr
    assert list(milestone.recommendations.all()) == [recommendation]


def test_a_failed_accept_leaves_neither_the_decision_nor_the_milestone(staff):
    fr = RoadmapFactory(market=MarketFactory(code="FR"))
    recommendation = RecommendationFactory(status=S.UNDER_REVIEW, markets=[fr.market])

    with pytest.raises(ValidationError, match="within the roadmap's period"):
        services.recommendation_accept(
            recommendation=recommendation,
            by=staff,
            response="Retenue.",
            new_milestone=services.NewMilestone(
                roadmap=fr, title="Hors période", due_date=D(2031, 6, 1), owner=fr.owner
            ),
        )

    recommendation.refresh_from_db()
    assert recommendation.status == S.UNDER_REVIEW
    assert recommendation.response == ""
    assert Milestone.objects.count() == 0


def test_a_milestone_of_another_market_is_refused(staff):
    es = RoadmapFactory(market=MarketFactory(code="ES"))
    recommendation = RecommendationFactory(
        status=S.UNDER_REVIEW, markets=[MarketFactory(code="FR")]
    )
    with pytest.raises(ValidationError, match="one of the recommendation's markets"):
        services.recommendation_accept(
            recommendation=recommendation,
            by=staff,
            response="Oui.",
            milestone=MilestoneFactory(roadmap=es),
        )
    assert not Milestone.objects.get().recommendations.exists()


def test_milestone_due_dates_stay_inside_the_roadmap_period():
    roadmap = RoadmapFactory(starts_on=D(2022, 7, 1), ends_on=D(2022, 12, 31))
    owner = PersonFactory()
    with pytest.raises(ValidationError, match="within the roadmap's period"):
        services.milestone_create(
            roadmap=roadmap,
            fields={"title": "Trop tôt", "due_date": D(2022, 6, 30), "owner": owner},
        )
    created = services.milestone_create(
        roadmap=roadmap,
        fields={"title": "Le dernier jour", "due_date": D(2022, 12, 31), "owner": owner},
    )
    assert created.pk


def test_overlapping_roadmaps_of_a_market_are_refused_in_the_database_and_the_service():
    market = MarketFactory(code="FR")
    h2 = RoadmapFactory(market=market, starts_on=D(2022, 7, 1), ends_on=D(2022, 12, 31))
    with pytest.raises(IntegrityError), transaction.atomic():
        Roadmap.objects.create(
            market=market,
            title="Chevauche",
            starts_on=D(2022, 12, 1),
            ends_on=D(2023, 12, 31),
            owner=h2.owner,
        )
    with pytest.raises(ValidationError, match="already has a roadmap"):
        services.roadmap_create(
            fields={
                "market": market,
                "title": "Chevauche",
                "starts_on": D(2022, 12, 1),
                "ends_on": D(2023, 12, 31),
                "owner": h2.owner,
                "status": "draft",
            }
        )
    following = services.roadmap_create(
        fields={
            "market": market,
            "title": "2023",
            "starts_on": D(2023, 1, 1),
            "ends_on": D(2023, 12, 31),
            "owner": h2.owner,
            "status": "active",
        }
    )
    assert following.pk
    # Another market may use the same period.
    RoadmapFactory(
        market=MarketFactory(code="ES"), starts_on=D(2022, 7, 1), ends_on=D(2022, 12, 31)
    )


def test_done_means_100_percent_and_a_completion_date():
    milestone = MilestoneFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Milestone.objects.filter(pk=milestone.pk).update(status="done", progress=80)
    with pytest.raises(IntegrityError), transaction.atomic():
        Milestone.objects.filter(pk=milestone.pk).update(progress=120)

    done = services.milestone_set_progress(milestone=milestone, progress=100)
    assert (done.status, done.progress) == ("done", 100) and done.completed_on
    reopened = services.milestone_set_progress(milestone=done, progress=60)
    assert (reopened.status, reopened.completed_on) == ("in_progress", None)


def test_a_stale_roadmap_edit_is_refused():
    roadmap = RoadmapFactory(title="Avant")
    version = roadmap.version
    services.roadmap_update(roadmap=roadmap, version=version, fields={"title": "Première"})
    with pytest.raises(ValidationError) as excinfo:
        services.roadmap_update(
            roadmap=Roadmap.objects.get(pk=roadmap.pk), version=version, fields={"title": "Seconde"}
        )
    assert excinfo.value.code == "stale"
    assert Roadmap.objects.get(pk=roadmap.pk).title == "Première"


def test_a_decision_on_a_stale_review_screen_is_refused_under_the_lock(staff):
    """The version read by the review screen is checked by the service, row-locked:
    notes saved by a colleague meanwhile are not overwritten by a decision."""
    roadmap = RoadmapFactory(market=MarketFactory(code="FR"))
    recommendation = RecommendationFactory(status=S.UNDER_REVIEW, markets=[roadmap.market])
    read_at = recommendation.version
    # A colleague saves notes meanwhile (in the admin: its saves move the version on).
    Recommendation.objects.filter(pk=recommendation.pk).update(
        review_notes="Vu avec la RAM", version=F("version") + 1
    )
    stale = Recommendation.objects.get(pk=recommendation.pk)

    with pytest.raises(ValidationError) as declined:
        services.recommendation_decline(
            recommendation=stale, by=staff, response="Non", review_notes="", version=read_at
        )
    with pytest.raises(ValidationError) as accepted:
        services.recommendation_accept(
            recommendation=stale,
            by=staff,
            response="Oui",
            review_notes="",
            new_milestone=services.NewMilestone(
                roadmap=roadmap, title="Jalon", due_date=roadmap.starts_on, owner=roadmap.owner
            ),
            version=read_at,
        )

    assert declined.value.code == accepted.value.code == "stale"
    after = Recommendation.objects.get(pk=recommendation.pk)
    assert (after.status, after.review_notes) == (S.UNDER_REVIEW, "Vu avec la RAM")
    assert not Milestone.objects.filter(title="Jalon").exists()

    decided = services.recommendation_decline(
        recommendation=after, by=staff, response="Non", version=after.version
    )
    assert decided.status == S.DECLINED
