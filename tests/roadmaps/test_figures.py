"""The dashboard's recommendation figures: right on hand-computed data, cached per
visibility scope, and fresh as soon as a recommendation changes."""

import datetime

import pytest
from django.utils import timezone

from roadmaps.models import Recommendation
from roadmaps.permissions import recommendations_visible_to
from roadmaps.selectors.figures import recommendation_figures

from ..helpers.factories import (
    MarketFactory,
    MembershipFactory,
    OrganizationFactory,
    RecommendationFactory,
)

pytestmark = pytest.mark.django_db


def decided(days, **kwargs):
    submitted = timezone.now() - datetime.timedelta(days=30)
    return RecommendationFactory(
        status="accepted",
        submitted_at=submitted,
        decided_at=submitted + datetime.timedelta(days=days),
        **kwargs,
    )


def test_counts_and_median_on_hand_computed_data(staff):
    france, spain = MarketFactory(code="FR"), MarketFactory(code="ES")
    crt = OrganizationFactory(short_name="CRT-A")
    decided(2, organization=crt, markets=[france])
    decided(4, organization=crt, markets=[france, spain])
    decided(10.5, markets=[spain])
    RecommendationFactory(status="submitted", markets=[france])
    RecommendationFactory(status="draft", organization=crt)  # nobody but its author sees a draft

    figures = recommendation_figures(recommendations_visible_to(staff))

    assert dict(figures["statuses"])[Recommendation.Status.ACCEPTED.label] == 3
    assert dict(figures["statuses"])[Recommendation.Status.SUBMITTED.label] == 1
    assert dict(figures["statuses"])[Recommendation.Status.DRAFT.label] == 0
    assert figures["by_market"] == [
        {"markets__code": "FR", "total": 3},
        {"markets__code": "ES", "total": 2},
    ]
    assert figures["by_organization"][0] == {"organization__short_name": "CRT-A", "total": 2}
    assert figures["median_days"] == 4.0


def test_an_even_count_takes_the_midpoint_and_no_decision_gives_none(staff):
    assert recommendation_figures(recommendations_visible_to(staff))["median_days"] is None
    decided(1)
    decided(2)
    assert recommendation_figures(recommendations_visible_to(staff))["median_days"] == 1.5


def test_figures_are_cached_until_a_recommendation_changes(
    staff, django_assert_num_queries, django_assert_max_num_queries
):
    market = MarketFactory(code="FR")
    first = RecommendationFactory(markets=[market])
    visible = recommendations_visible_to(staff)
    assert recommendation_figures(visible)["by_market"] == [{"markets__code": "FR", "total": 1}]

    with django_assert_num_queries(0):
        recommendation_figures(recommendations_visible_to(staff))

    RecommendationFactory(markets=[market])  # saved: the figures are stale, recomputed
    with django_assert_max_num_queries(4):
        figures = recommendation_figures(recommendations_visible_to(staff))
    assert figures["by_market"] == [{"markets__code": "FR", "total": 2}]

    first.markets.set([MarketFactory(code="ES")])  # re-targeted: recomputed
    figures = recommendation_figures(recommendations_visible_to(staff))
    assert {row["markets__code"]: row["total"] for row in figures["by_market"]} == {
        "FR": 1,
        "ES": 1,
    }

    first.delete()
    assert recommendation_figures(recommendations_visible_to(staff))["by_market"] == [
        {"markets__code": "FR", "total": 1}
    ]


def test_each_visibility_scope_has_its_own_figures(client, council_fes, council_rabat):
    fes = OrganizationFactory(short_name="CRT-FES")
    rabat = OrganizationFactory(short_name="CRT-RBT")
    MembershipFactory(person__user=council_fes, organization=fes)
    MembershipFactory(person__user=council_rabat, organization=rabat)
    RecommendationFactory(organization=fes)
    RecommendationFactory.create_batch(2, organization=rabat)

    client.force_login(council_fes)
    seen_by_fes = client.get("/").context["recommendations"]
    client.force_login(council_rabat)
    seen_by_rabat = client.get("/").context["recommendations"]

    assert seen_by_fes["by_organization"] == [{"organization__short_name": "CRT-FES", "total": 1}]
    assert seen_by_rabat["by_organization"] == [{"organization__short_name": "CRT-RBT", "total": 2}]


def test_a_viewer_who_sees_nothing_gets_zero_figures(council_fes):
    RecommendationFactory()  # council_fes holds no mandate: sees no recommendation at all
    figures = recommendation_figures(recommendations_visible_to(council_fes))
    assert sum(total for _label, total in figures["statuses"]) == 0
    assert figures["by_organization"] == [] and figures["median_days"] is None


@pytest.mark.django_db(transaction=True)
def test_the_version_moves_again_at_commit_so_figures_cached_meanwhile_are_dropped(staff):
    from django.core.cache import cache
    from django.db import transaction

    from roadmaps.selectors.figures import VERSION_KEY

    recommendation_figures(recommendations_visible_to(staff))
    with transaction.atomic():
        RecommendationFactory()
        # Any request computing figures now reads the rows as before the commit
        # and caches them under this version.
        during = cache.get(VERSION_KEY)
    assert cache.get(VERSION_KEY) > during
    figures = recommendation_figures(recommendations_visible_to(staff))
    assert sum(total for _label, total in figures["statuses"]) == 1


@pytest.mark.parametrize(
    ("language", "shown"),
    [("fr", "1\u00a0235"), ("ar", "1.235"), ("en", "1,235")],
)
def test_the_dashboard_groups_the_figures_thousands_in_the_readers_language(
    client, staff, language, shown
):
    market = MarketFactory(code="FR")
    first = RecommendationFactory(status="submitted", markets=[market])
    copies = Recommendation.objects.bulk_create(
        Recommendation(
            organization=first.organization,
            author=first.author,
            title=f"Copie {n}",
            body="Démo",
            theme=first.theme,
            status="submitted",
            submitted_at=first.submitted_at,
        )
        for n in range(1233)
    )
    market.recommendations.add(*copies)
    RecommendationFactory(status="submitted", organization=first.organization, markets=[market])
    client.force_login(staff)
    page = client.get("/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    label = {"fr": "Soumise", "ar": "مُرسلة", "en": "Submitted"}[language]
    assert f'fw-normal">{label}</th><td>{shown}</td>' in page
    assert f"{first.organization.short_name}</bdi>" in page and f" {shown}</li>" in page
