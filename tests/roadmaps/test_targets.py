"""Targets: each status against the latest actual, with its boundaries; set by staff
and the market's delegate only, with history; bad input refused, nothing written."""

from decimal import Decimal

import pytest

from partners.roles import Role
from roadmaps.models import Target
from roadmaps.selectors import indicators

from ..helpers.factories import MarketFactory, MembershipFactory, OrganizationFactory, UserFactory
from ..helpers.figures import figure, series

pytestmark = pytest.mark.django_db


def status_of(market, target):
    recovery = indicators.recoveries([market.pk])[market.pk][target.metric]
    return indicators.target_status(target, recovery)


def target(market, year=2023, **level):
    return Target.objects.create(market=market, metric="arrivals", year=year, **level)


@pytest.mark.parametrize(
    ("actual_2023", "share", "expected"),
    [
        (1000, 100, "reached"),  # exactly the goal
        (999, 100, "behind"),  # one short
        (1200, 120, "reached"),
        (900, 90, "reached"),
        (899, 90, "behind"),
    ],
)
def test_a_whole_year_reaches_its_share_of_2019_or_is_behind(actual_2023, share, expected):
    fr = MarketFactory(code="FR")
    figure(fr, "arrivals", 2019, 1000)
    figure(fr, "arrivals", 2023, actual_2023)

    status = status_of(fr, target(fr, share_of_2019=share))

    assert status.status == expected
    assert status.goal == Decimal(1000) * share / 100
    assert status.actual == actual_2023


@pytest.mark.parametrize(
    ("months_2023", "expected"),
    [
        ([100, 200], "on_track"),  # 300 of 300: exactly the pace
        ([100, 199], "behind"),  # 299 of 300
        ([150, 250], "on_track"),
    ],
)
def test_part_of_a_year_is_on_track_or_behind_against_the_same_months(months_2023, expected):
    fr = MarketFactory(code="FR")
    series(fr, "arrivals", 2019, [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200])
    series(fr, "arrivals", 2023, months_2023)

    status = status_of(fr, target(fr, share_of_2019=100))

    assert status.status == expected
    assert status.label in {"On track", "Behind", "En bonne voie", "En retard"}


def test_a_value_target_is_compared_with_the_year():
    de = MarketFactory(code="DE")
    figure(de, "arrivals", 2019, 413384)
    figure(de, "arrivals", 2023, 280788)

    assert status_of(de, target(de, value=280788)).status == "reached"
    assert status_of(de, target(de, year=2024, value=300000)).status == "no_data"
    behind = status_of(de, Target(market=de, metric="arrivals", year=2023, value=300000))
    assert behind.status == "behind"


def test_no_data_without_a_figure_for_the_year_or_without_2019():
    fr, cn = MarketFactory(code="FR"), MarketFactory(code="CN")
    figure(fr, "arrivals", 2019, 1000)
    figure(fr, "arrivals", 2022, 760)
    figure(cn, "arrivals", 2023, 500)  # no 2019 figure

    assert status_of(fr, target(fr, share_of_2019=100)).status == "no_data"
    assert status_of(cn, target(cn, share_of_2019=100)).status == "no_data"
    assert status_of(cn, target(cn, year=2024, value=400)).status == "no_data"


@pytest.fixture
def fr_world(db):
    fr = MarketFactory(code="FR")
    es = MarketFactory(code="ES")
    users = {}
    for name, market in (("delegate_fr", fr), ("delegate_es", es)):
        users[name] = UserFactory(username=name)
        delegation = OrganizationFactory(kind="delegation")
        delegation.markets.add(market)
        MembershipFactory(person__user=users[name], organization=delegation, role="delegate")
    users["staff"] = UserFactory(username="staff_t", role=Role.ONMT_STAFF)
    return fr, users


def test_the_markets_delegate_sets_a_target_and_history_names_them(client, fr_world):
    fr, users = fr_world
    client.force_login(users["delegate_fr"])

    response = client.post(
        "/markets/FR/targets/new/",
        {"metric": "arrivals", "year": "2024", "share_of_2019": "110", "note": "Au-delà de 2019"},
    )

    assert response.status_code == 302 and response["Location"] == "/markets/FR/"
    saved = Target.objects.get(market=fr)
    assert (saved.share_of_2019, saved.value, saved.set_by) == (110, None, users["delegate_fr"])
    assert not saved.is_demo
    client.force_login(users["staff"])
    client.post(
        f"/markets/FR/targets/{saved.pk}/edit/",
        {"share_of_2019": "", "value": "2000000", "note": "", "version": saved.version},
    )
    saved.refresh_from_db()
    assert (saved.value, saved.share_of_2019, saved.set_by) == (2000000, None, users["staff"])
    assert [h.history_user for h in saved.history.order_by("history_date")] == [
        users["delegate_fr"],
        users["staff"],
    ]
    page = client.get(f"/markets/FR/targets/{saved.pk}/edit/").content.decode()
    assert "history-panel" in page and "2000000" in page


def test_another_markets_delegate_may_not_set_it(client, fr_world):
    _fr, users = fr_world
    client.force_login(users["delegate_es"])

    response = client.post(
        "/markets/FR/targets/new/", {"metric": "arrivals", "year": "2024", "share_of_2019": "100"}
    )

    assert response.status_code == 403
    assert not Target.objects.exists()
    page = client.get("/markets/FR/").content.decode()
    assert "/markets/FR/targets/new/" not in page


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"share_of_2019": "100", "value": "5"}, "pas les deux"),
        ({}, "Donnez l’objectif"),
        ({"share_of_2019": "-3"}, "supérieure à zéro"),
        ({"share_of_2019": "abc"}, "nombre"),
        ({"value": "-1"}, "négatif"),
    ],
)
def test_bad_input_is_refused_with_a_clear_error_and_nothing_written(client, fr_world, data, error):
    _fr, users = fr_world
    client.force_login(users["delegate_fr"])

    response = client.post(
        "/markets/FR/targets/new/", {"metric": "arrivals", "year": "2024", **data}
    )

    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Target.objects.exists()


def test_a_second_target_for_the_same_year_and_indicator_is_refused(client, fr_world):
    fr, users = fr_world
    target(fr, year=2024, share_of_2019=100)
    client.force_login(users["delegate_fr"])

    response = client.post(
        "/markets/FR/targets/new/", {"metric": "arrivals", "year": "2024", "share_of_2019": "90"}
    )

    assert response.status_code == 200
    assert "déjà un objectif" in response.content.decode()
    assert Target.objects.get().share_of_2019 == 100


def test_a_stale_edit_changes_nothing(client, fr_world):
    fr, users = fr_world
    saved = target(fr, year=2024, share_of_2019=100)
    Target.objects.filter(pk=saved.pk).update(version=2, share_of_2019=105)
    client.force_login(users["delegate_fr"])

    response = client.post(
        f"/markets/FR/targets/{saved.pk}/edit/",
        {"share_of_2019": "90", "version": "1"},
    )

    assert response.status_code == 200
    saved.refresh_from_db()
    assert saved.share_of_2019 == 105


def test_a_target_of_another_market_is_not_found_under_this_one(client, fr_world):
    _fr, users = fr_world
    other = target(MarketFactory(code="ES"), year=2024, share_of_2019=100)
    client.force_login(users["delegate_fr"])

    assert client.get(f"/markets/FR/targets/{other.pk}/edit/").status_code == 404
    assert client.get("/markets/XX/").status_code == 404
