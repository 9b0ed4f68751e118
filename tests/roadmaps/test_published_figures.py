"""The published figures shipped in roadmaps/data/published/, loaded through the
admin's own import: twice the same result, France's 2019 arrivals as published,
and files that would mix definitions or carry a bad row refused whole."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from import_export.exceptions import ImportError as RowError

from partners.demo_data import OTHER_MARKETS, STRATEGIC_MARKETS
from partners.models import Market
from roadmaps.models import MarketIndicator, Target
from roadmaps.selectors import indicators
from roadmaps.services import indicators_import, published_figures_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def markets(db):
    for code, name, name_ar in STRATEGIC_MARKETS:
        Market.objects.create(code=code, name=name, name_ar=name_ar, is_strategic=True)
    for code, name, name_ar in OTHER_MARKETS:
        Market.objects.create(code=code, name=name, name_ar=name_ar)


def snapshot():
    return list(
        MarketIndicator.objects.order_by("market__code", "metric", "year", "month").values_list(
            "market__code", "metric", "definition", "year", "month", "value", "source", "is_demo"
        )
    )


def test_the_shipped_files_load_twice_with_the_same_result(markets):
    first = published_figures_load()
    loaded = snapshot()
    second = published_figures_load()

    assert first == {"new": 134, "update": 0, "skip": 0}
    assert second == {"new": 0, "update": 0, "skip": 134}
    assert snapshot() == loaded
    assert not any(is_demo for *_rest, is_demo in loaded)


def test_frances_published_2019_arrivals_with_their_source(markets):
    published_figures_load()

    fr = MarketIndicator.objects.get(market__code="FR", metric="arrivals", year=2019)

    assert fr.value == Decimal(1990813) and fr.month is None
    assert fr.definition == "arrivals_tes"
    assert "data.gov.ma" in fr.source and "Ministry of Tourism" in fr.source
    assert fr.confidence == "two copies agree"
    recovery = indicators.recoveries([fr.market_id])[fr.market_id]["arrivals"]
    assert (recovery.year, round(recovery.ratio * 100)) == (2022, 76)


def test_the_gulf_as_a_whole_gets_no_figure_made_up_from_its_countries(markets):
    published_figures_load()

    assert not MarketIndicator.objects.filter(market__code="GCC").exists()
    assert MarketIndicator.objects.filter(market__code__in=["SA", "AE", "KW"]).count() == 8
    assert not Market.objects.get(code="SA").is_strategic


def test_a_file_mixing_definitions_is_refused_with_the_row_named(markets):
    content = (
        b"market,metric,year,value,definition,source\n"
        b"FR,arrivals,2019,1990813,arrivals_tes,data.gov.ma\n"
        b"FR,arrivals,2022,3400000,Arrivals at border posts: TES + MRE,press\n"
    )

    with pytest.raises(RowError) as refused:
        indicators_import(content=content)

    assert refused.value.number == 2  # the second data row
    assert "Un ratio ne mélange jamais deux définitions" in str(refused.value.error)
    assert MarketIndicator.objects.count() == 0  # the whole file, or nothing


def test_a_reimport_updates_a_figure_it_matches(markets):
    published_figures_load()
    content = (
        b"market,metric,year,value,definition,source,confidence\n"
        b"DE,arrivals,2023,280800,arrivals_tes,Observatoire du Tourisme,official series\n"
    )

    totals = indicators_import(content=content)

    assert totals == {"new": 0, "update": 1, "skip": 0}
    de = MarketIndicator.objects.get(market__code="DE", metric="arrivals", year=2023)
    assert (de.value, de.confidence) == (Decimal(280800), "official series")
    assert de.history.count() == 2


def test_the_admin_import_refuses_a_bad_file_whole_and_says_why(markets, admin_client):
    content = (
        "market,metric,year,month,value,definition,source\n"
        "FR,arrivals,2023,1,1000,arrivals_tes,Observatoire\n"
        "FR,arrivals,2023,13,1000,arrivals_tes,Observatoire\n"
        "XX,nuitées,2023,2,-5,nights_classified,Observatoire\n"
        "FR,arrivals,2023,2,1000,arrivals_mre,Observatoire\n"
    ).encode()

    response = admin_client.post(
        "/admin/roadmaps/marketindicator/import/",
        {"format": "0", "resource": "0", "import_file": SimpleUploadedFile("i.csv", content)},
    )

    html = response.content.decode()
    assert 'name="import_file_name"' not in html  # no confirmation offered
    assert "de 1 à 12" in html
    assert "XX" in html
    assert "ne mélange jamais deux définitions" in html
    assert MarketIndicator.objects.count() == 0


def test_seed_demo_replaces_the_invented_series_and_sets_demonstration_targets(db):
    from django.core.management import call_command

    call_command("seed_demo", force=True)
    invented = MarketIndicator.objects.create(
        market=Market.objects.get(code="FR"),
        metric="arrivals",
        definition="arrivals_tes",
        year=2019,
        month=1,
        value=180000,
        source="Données de démonstration (non officielles)",
        is_demo=True,
    )
    call_command("seed_demo", force=True)

    assert not MarketIndicator.objects.filter(pk=invented.pk).exists()
    assert MarketIndicator.objects.filter(is_demo=True).count() == 0
    targets = Target.objects.filter(year=2023, metric="arrivals")
    assert targets.count() == Market.objects.filter(is_strategic=True).count()
    assert all(t.is_demo and t.share_of_2019 == 100 and "démo" in t.note for t in targets)
