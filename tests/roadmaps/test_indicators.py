"""Recovery against 2019 on hand-computed data; the indicator import; the dashboard per role."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from roadmaps import indicators
from roadmaps.models import MarketIndicator

from ..factories import (
    MarketFactory,
    MembershipFactory,
    OrganizationFactory,
    RecommendationFactory,
    RoadmapFactory,
)

pytestmark = pytest.mark.django_db


def series(market, metric, year, values):
    for month, value in enumerate(values, start=1):
        if value is not None:
            MarketIndicator.objects.create(
                market=market, metric=metric, year=year, month=month, value=value, source="test"
            )


def test_recovery_is_the_year_to_date_and_last_month_over_the_same_months_of_2019():
    fr = MarketFactory(code="FR")
    series(fr, "arrivals", 2019, [100, 200, 300, 400])
    series(fr, "arrivals", 2023, [50, 100, 330])  # January to March

    recovery = indicators.recoveries([fr.pk], year=2023)[fr.pk]["arrivals"]

    assert (recovery.year, recovery.last_month) == (2023, 3)
    assert recovery.ytd_value == Decimal(480)
    assert recovery.ytd_baseline == Decimal(600)  # April of 2019 is not compared
    assert recovery.ytd_ratio == Decimal("0.8")
    assert recovery.month_ratio == Decimal("1.1")
    assert [(y, m) for y, m, _v, _b in recovery.series] == [(2023, 1), (2023, 2), (2023, 3)]


def test_a_market_without_2019_figures_has_no_baseline_never_a_division_error():
    cn = MarketFactory(code="CN")
    series(cn, "arrivals", 2023, [10, 20])
    series(cn, "receipts_mad", 2019, [0, 0])
    series(cn, "receipts_mad", 2023, [5, 5])

    recovery = indicators.recoveries([cn.pk], year=2023)[cn.pk]

    assert recovery["arrivals"].ytd_ratio is None
    assert recovery["arrivals"].month_ratio is None
    assert recovery["receipts_mad"].ytd_ratio is None  # 2019 was zero
    assert recovery["overnight_stays"].year is None  # no data at all


def test_indicator_import_with_a_bad_row_writes_nothing(admin_client):
    MarketFactory(code="FR")
    content = (
        "market,metric,year,month,value,source\n"
        "FR,arrivals,2023,1,1000,Observatoire\n"
        "FR,arrivals,2023,13,1000,Observatoire\n"
        "XX,nuitées,2023,2,-5,Observatoire\n"
    ).encode()

    response = admin_client.post(
        "/admin/roadmaps/marketindicator/import/",
        {"format": "0", "resource": "0", "import_file": SimpleUploadedFile("i.csv", content)},
    )

    html = response.content.decode()
    assert 'name="import_file_name"' not in html
    assert "de 1 à 12" in html
    assert "XX" in html
    assert MarketIndicator.objects.count() == 0


def test_the_dashboard_shows_recovery_sorted_by_distance_to_2019(client, staff):
    for code, ratio in (("FR", 90), ("ES", 60), ("UK", 120)):
        market = MarketFactory(code=code)
        series(market, "arrivals", 2019, [100])
        series(market, "arrivals", 2023, [ratio])
    client.force_login(staff)

    response = client.get("/")

    rows = response.context["market_rows"]
    assert [row["market"].code for row in rows][:3] == ["ES", "FR", "UK"]
    page = response.content.decode()
    assert "60 %" in page and "120 %" in page
    assert '<svg class="sparkline"' in page


def test_a_delegate_sees_their_markets_first(client, delegate_fr):
    fr, es = MarketFactory(code="FR"), MarketFactory(code="ES")
    for market, ratio in ((fr, 95), (es, 50)):
        series(market, "arrivals", 2019, [100])
        series(market, "arrivals", 2023, [ratio])
    delegation = OrganizationFactory(kind="delegation")
    delegation.markets.add(fr)
    MembershipFactory(person__user=delegate_fr, organization=delegation, role="delegate")
    client.force_login(delegate_fr)

    rows = client.get("/").context["market_rows"]

    assert rows[0]["market"].code == "FR" and rows[0]["own"]


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
    for index in range(markets):
        market = MarketFactory(code=f"M{index:02d}")
        series(market, "arrivals", 2019, [100, 100])
        series(market, "arrivals", 2023, [80, 90])
        RoadmapFactory(market=market)
        RecommendationFactory(markets=[market])
    client.force_login(staff)
    with django_assert_max_num_queries(18):  # the recommendation figures computed
        response = client.get("/")
    assert len(response.context["market_rows"]) == markets
    with django_assert_max_num_queries(14):  # ... then read from the cache
        client.get("/")
