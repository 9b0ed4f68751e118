"""Recovery against 2019, like for like, on hand-computed data; the dashboard's
headline per role; its query budget."""

from decimal import Decimal

import pytest

from roadmaps.models import MarketIndicator
from roadmaps.selectors import indicators

from ..helpers.factories import (
    MarketFactory,
    MembershipFactory,
    OrganizationFactory,
    RecommendationFactory,
    RoadmapFactory,
)
from ..helpers.figures import figure, pct, series

pytestmark = pytest.mark.django_db


def test_monthly_figures_are_compared_with_the_same_months_of_2019():
    fr = MarketFactory(code="FR")
    series(fr, "arrivals", 2019, [100, 200, 300, 400])
    series(fr, "arrivals", 2023, [50, 100, 330])  # January to March

    recovery = indicators.recoveries([fr.pk], year=2023)[fr.pk]["arrivals"]

    assert (recovery.year, recovery.months, recovery.last_month) == (2023, [1, 2, 3], 3)
    assert recovery.value == Decimal(480)
    assert recovery.baseline == Decimal(600)  # April of 2019 is not compared
    assert recovery.ratio == Decimal("0.8")
    assert recovery.month_ratio == Decimal("1.1")
    assert [(y, m) for y, m, _v, _b in recovery.series] == [(2023, 1), (2023, 2), (2023, 3)]


def test_annual_figures_are_compared_with_the_whole_of_2019():
    fr = MarketFactory(code="FR")
    figure(fr, "arrivals", 2019, 1990813)
    figure(fr, "arrivals", 2022, 1505443)

    recovery = indicators.recoveries([fr.pk])[fr.pk]["arrivals"]

    assert recovery.whole_year and recovery.year == 2022
    assert (recovery.value, recovery.baseline) == (Decimal(1505443), Decimal(1990813))
    assert round(recovery.ratio, 4) == Decimal("0.7562")


def test_twelve_months_make_a_year_but_part_of_a_year_is_not_one():
    es = MarketFactory(code="ES")
    figure(es, "arrivals", 2019, 1200)  # only the annual 2019 figure
    series(es, "arrivals", 2022, [100] * 12)
    series(es, "arrivals", 2023, [100, 100, 100])

    twelve = indicators.recoveries([es.pk], year=2022)[es.pk]["arrivals"]
    three = indicators.recoveries([es.pk], year=2023)[es.pk]["arrivals"]

    assert twelve.whole_year and twelve.ratio == Decimal(1)
    # Three months of 2023 against the whole of 2019 would be no comparison at all.
    assert three.ratio is None


def test_no_2019_figure_means_no_baseline_never_a_division():
    cn = MarketFactory(code="CN")
    series(cn, "arrivals", 2023, [10, 20])
    series(cn, "receipts_mad", 2019, [0, 0])
    series(cn, "receipts_mad", 2023, [5, 5])

    recovery = indicators.recoveries([cn.pk], year=2023)[cn.pk]

    assert recovery["arrivals"].ratio is None
    assert recovery["arrivals"].month_ratio is None
    assert recovery["receipts_mad"].ratio is None  # 2019 was zero
    assert recovery["overnight_stays"].year is None  # no data at all


def test_a_demonstration_value_is_never_divided_by_a_published_one():
    us = MarketFactory(code="US")
    figure(us, "arrivals", 2019, 346702, source="published")
    figure(us, "arrivals", 2022, 999999, demo=True, source="invented")
    uk = MarketFactory(code="UK")
    figure(uk, "arrivals", 2019, 100, demo=True)
    figure(uk, "arrivals", 2022, 90, demo=True)

    us_recovery = indicators.recoveries([us.pk])[us.pk]["arrivals"]
    uk_recovery = indicators.recoveries([uk.pk])[uk.pk]["arrivals"]

    # The published 2019 figure stands alone: nothing to compare it with.
    assert us_recovery.ratio is None and not us_recovery.is_demo
    assert [f.source for f in us_recovery.figures()] == ["published"]
    # Demonstration values are compared among themselves, and say so.
    assert uk_recovery.is_demo and uk_recovery.ratio == Decimal("0.9")


def test_a_figure_of_another_definition_is_refused(admin_client):
    fr = MarketFactory(code="FR")
    figure(fr, "arrivals", 2019, 100)
    mixed = MarketIndicator(
        market=fr, metric="arrivals", definition="arrivals_all", year=2022, value=90, source="x"
    )

    with pytest.raises(Exception) as refused:
        mixed.full_clean()

    assert "definition" in refused.value.message_dict
    assert "Arrivées de touristes étrangers (TES)" in str(refused.value)


def _recovery_world(codes_and_ratios):
    for code, ratio in codes_and_ratios:
        market = MarketFactory(code=code)
        figure(market, "arrivals", 2019, 100, source=f"Source {code}")
        figure(market, "arrivals", 2022, ratio, source=f"Source {code}")


def test_the_dashboard_lists_markets_furthest_from_2019_first_with_their_sources(client, staff):
    _recovery_world((("FR", 90), ("ES", 60), ("UK", 120)))
    MarketFactory(code="GCC")  # no figure: last, never invented
    national = MarketFactory(code="ALL", name="Ensemble des marchés", is_strategic=False)
    figure(national, "arrivals", 2019, 1000, source="National")
    figure(national, "arrivals", 2022, 840, source="National")
    client.force_login(staff)

    response = client.get("/")

    rows = response.context["market_rows"]
    assert [row["market"].code for row in rows] == ["ES", "FR", "UK", "GCC"]
    assert response.context["national_row"]["market"].code == "ALL"
    page = response.content.decode()
    assert pct("60") in page and pct("120") in page and pct("84") in page
    assert 'href="/markets/ES/"' in page
    for source in ("Source ES", "Source FR", "Source UK", "National"):
        assert source in page
    assert page.count('class="mini-bars"') == 3


def test_a_delegate_sees_their_market_marked_in_the_order_of_the_others(client, delegate_fr):
    _recovery_world((("FR", 95), ("ES", 50)))
    delegation = OrganizationFactory(kind="delegation")
    delegation.markets.add(MarketFactory(code="FR"))
    MembershipFactory(person__user=delegate_fr, organization=delegation, role="delegate")
    client.force_login(delegate_fr)

    rows = client.get("/").context["market_rows"]

    assert [(row["market"].code, row["own"]) for row in rows] == [("ES", False), ("FR", True)]


def test_a_council_member_gets_links_only_to_the_markets_of_their_work(client, council_fes):
    _recovery_world((("FR", 95), ("ES", 50)))
    own = OrganizationFactory(short_name="CRT-OWN")
    MembershipFactory(person__user=council_fes, organization=own)
    RecommendationFactory(organization=own, markets=[MarketFactory(code="ES")])
    client.force_login(council_fes)

    page = client.get("/").content.decode()

    assert 'href="/markets/ES/"' in page
    assert 'href="/markets/FR/"' not in page


def test_a_council_member_never_sees_another_organizations_figures(client, council_fes):
    own = OrganizationFactory(short_name="CRT-OWN")
    MembershipFactory(person__user=council_fes, organization=own)
    RecommendationFactory(organization=own, title="La nôtre")
    RecommendationFactory(organization=OrganizationFactory(short_name="CRT-AUTRE"), title="L'autre")
    client.force_login(council_fes)

    response = client.get("/")

    figures = response.context["recommendations"]
    assert [row["organization__short_name"] for row in figures["by_organization"]] == ["CRT-OWN"]
    assert sum(total for _label, total in figures["statuses"]) == 1
    assert "CRT-AUTRE" not in response.content.decode()


@pytest.mark.parametrize("markets", [1, 50])
def test_the_dashboard_query_count_does_not_grow_with_the_data(
    client, staff, django_assert_max_num_queries, markets
):
    from roadmaps.models import Target

    for index in range(markets):
        market = MarketFactory(code=f"M{index:02d}")
        series(market, "arrivals", 2019, [100, 100])
        series(market, "arrivals", 2023, [80, 90])
        figure(market, "overnight_stays", 2019, 1000)
        figure(market, "overnight_stays", 2022, 700)
        Target.objects.create(market=market, metric="arrivals", year=2023, share_of_2019=100)
        RoadmapFactory(market=market)
        RecommendationFactory(markets=[market])
    client.force_login(staff)
    with django_assert_max_num_queries(20):  # the recommendation figures computed
        response = client.get("/")
    assert len(response.context["market_rows"]) == markets
    with django_assert_max_num_queries(16):  # ... then read from the cache
        client.get("/")
