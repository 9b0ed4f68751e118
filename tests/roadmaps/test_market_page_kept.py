"""A market page is kept rendered per viewer, language and day until a record
changes (roadmaps/selectors/markets.py): the next view costs the request's own
queries, a change shows at once, and nobody is ever served another's page."""

import datetime

import pytest
from django.utils import timezone

from roadmaps.models import Target

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
def france(db):
    return MarketFactory(code="FR", name="France")


def _page(client, **headers) -> str:
    response = client.get("/markets/FR/", **headers)
    assert response.status_code == 200
    return response.content.decode()


def test_the_next_view_is_served_from_the_kept_page_in_a_few_queries(
    client, staff, france, django_assert_max_num_queries
):
    RecommendationFactory.create_batch(3, markets=[france])
    MilestoneFactory.create_batch(3, roadmap=RoadmapFactory(market=france))
    client.force_login(staff)
    first = _page(client)

    # The session, the user, their mandates and the market: nothing of the page's own.
    with django_assert_max_num_queries(4):
        second = _page(client)

    def content(page):  # the CSRF token of the page around it is new each time
        return page[page.index("<main") : page.index("</main>")]

    assert content(second) == content(first)


@pytest.mark.parametrize("change", ["target", "milestone", "recommendation", "person"])
def test_a_change_shows_at_the_next_view(client, staff, france, change):
    roadmap = RoadmapFactory(market=france)
    milestone = MilestoneFactory(roadmap=roadmap, title="Salon de Paris")
    other = MarketFactory(code="DE")
    recommendation = RecommendationFactory(markets=[other], title="Campagne hiver")
    client.force_login(staff)
    assert "Campagne hiver" not in _page(client)

    if change == "target":
        response = client.post(
            "/markets/FR/targets/new/",
            {"metric": "arrivals", "year": 2030, "value": 2500000, "note": "Cible démo"},
        )
        assert response.status_code == 302
        expected = "Cible démo"
    elif change == "milestone":
        milestone.title = "Salon de Paris, stand élargi"
        milestone.save()
        expected = "Salon de Paris, stand élargi"
    elif change == "recommendation":
        recommendation.markets.add(france)  # a many-to-many change, no save
        expected = "Campagne hiver"
    else:
        owner = milestone.owner
        owner.last_name = "Bennani-Démo"
        owner.save()
        expected = "Bennani-Démo"

    assert expected in _page(client)


def test_a_viewer_is_never_served_the_page_kept_for_another(
    client, france, council_fes, council_rabat
):
    delegate = UserFactory(username="delegate_fr")
    delegation = OrganizationFactory(kind="delegation")
    delegation.markets.add(france)
    MembershipFactory(person__user=delegate, organization=delegation, role="delegate")
    fes = OrganizationFactory(short_name="CRT-FES")
    MembershipFactory(person__user=council_fes, organization=fes)
    rabat = OrganizationFactory(short_name="CRT-RABAT")
    MembershipFactory(person__user=council_rabat, organization=rabat)
    RecommendationFactory(organization=fes, markets=[france], title="Recommandation de Fès")
    RecommendationFactory(organization=rabat, markets=[france], title="Recommandation de Rabat")
    client.force_login(delegate)
    kept = _page(client)
    assert "Recommandation de Fès" in kept and "Recommandation de Rabat" in kept
    assert "/markets/FR/targets/new/" in kept

    client.force_login(council_fes)
    fes_page = _page(client)
    client.force_login(council_rabat)
    rabat_page = _page(client)

    # Two council members hold the same role: each still gets their own page.
    assert "Recommandation de Fès" in fes_page and "Recommandation de Rabat" not in fes_page
    assert "Recommandation de Rabat" in rabat_page and "Recommandation de Fès" not in rabat_page
    assert "CRT-RABAT" not in fes_page and "CRT-FES" not in rabat_page
    assert "/markets/FR/targets/new/" not in fes_page + rabat_page


def test_a_mandate_that_ends_closes_the_kept_page_at_once(client, council_fes, france):
    own = OrganizationFactory(short_name="CRT-OWN")
    mandate = MembershipFactory(person__user=council_fes, organization=own)
    RecommendationFactory(organization=own, markets=[france], title="Notre recommandation")
    client.force_login(council_fes)
    assert "Notre recommandation" in _page(client)

    mandate.end_date = timezone.localdate() - datetime.timedelta(days=1)
    mandate.save()
    response = client.get("/markets/FR/")

    assert response.status_code in (403, 404)
    assert "Notre recommandation" not in response.content.decode()


def test_each_language_has_its_own_page(client, staff, france):
    client.force_login(staff)
    assert "Recommandations visant ce marché" in _page(client, HTTP_ACCEPT_LANGUAGE="fr")

    arabic = _page(client, HTTP_ACCEPT_LANGUAGE="ar")

    assert "التوصيات الموجهة إلى هذا السوق" in arabic
    assert "Recommandations visant ce marché" not in arabic


def test_the_day_is_part_of_the_page_what_is_late_tomorrow_shows_late(
    client, staff, france, monkeypatch
):
    today = timezone.localdate()
    MilestoneFactory(
        roadmap=RoadmapFactory(market=france), due_date=today, title="Remise du dossier"
    )
    client.force_login(staff)
    late = '<span class="badge text-bg-danger">En retard</span>'
    assert "Remise du dossier" in _page(client) and late not in _page(client)

    # The clock is the outside world: tomorrow comes without any record changing.
    monkeypatch.setattr(timezone, "localdate", lambda *args: today + datetime.timedelta(days=1))

    assert late in _page(client)


def test_with_the_cache_down_the_market_page_is_served_and_targets_saved(
    client, staff, france, settings
):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/1",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    MilestoneFactory(roadmap=RoadmapFactory(market=france), title="Salon de Paris")
    client.force_login(staff)

    assert "Salon de Paris" in _page(client)
    response = client.post(
        "/markets/FR/targets/new/",
        {"metric": "arrivals", "year": 2030, "value": 2500000, "note": "Cible démo"},
    )
    assert response.status_code == 302
    assert Target.objects.filter(market=france, year=2030).exists()
