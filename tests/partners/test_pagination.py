"""Lists count at most COUNT_LIMIT rows; past it they say "more than …" and still page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.pagination import CappedCountPaginator
from partners.models import Organization

from ..helpers.factories import OrganizationFactory, RecommendationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def limit_of_five(monkeypatch):
    monkeypatch.setattr(CappedCountPaginator, "count_limit", 5)


def test_below_the_limit_the_count_is_exact_and_not_capped(limit_of_five):
    OrganizationFactory.create_batch(4)
    paginator = CappedCountPaginator(Organization.objects.order_by("pk"), 2)
    assert (paginator.count, paginator.capped, paginator.num_pages) == (4, False, 2)


def test_past_the_limit_the_count_stops_there_and_says_so(limit_of_five):
    OrganizationFactory.create_batch(8)
    paginator = CappedCountPaginator(Organization.objects.order_by("pk"), 2)
    with CaptureQueriesContext(connection) as queries:
        assert (paginator.count, paginator.capped, paginator.num_pages) == (5, True, 3)
    assert len(queries) == 1
    assert "LIMIT 6" in queries[0]["sql"]  # never a COUNT over the whole table
    assert len(paginator.page(3).object_list) == 1


def test_the_recommendation_list_says_more_than_in_the_readers_language(
    client, staff, limit_of_five
):
    RecommendationFactory.create_batch(7)
    client.force_login(staff)
    page = client.get("/recommendations/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Plus de 5 recommandations" in page


def test_the_directory_badge_says_more_than(client, staff, limit_of_five):
    OrganizationFactory.create_batch(7)
    client.force_login(staff)
    page = client.get("/partners/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "plus de 5" in page


def test_pages_say_of_more_than_when_capped(client, staff, monkeypatch):
    monkeypatch.setattr(CappedCountPaginator, "count_limit", 30)  # 25 a page
    RecommendationFactory.create_batch(35)
    client.force_login(staff)
    page = client.get("/recommendations/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Page 1 of more than 2" in page
    assert "More than 30 recommendations" in page
