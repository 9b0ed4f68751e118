"""Figures for the recovery tests: one value, or a series of months from January,
under the metric's usual definition."""

from roadmaps.models import MarketIndicator

DEFINITIONS = {
    "arrivals": "arrivals_tes",
    "overnight_stays": "nights_classified",
    "receipts_mad": "travel_receipts",
}


def figure(market, metric, year, value, *, month=None, demo=False, source="test"):
    return MarketIndicator.objects.create(
        market=market,
        metric=metric,
        definition=DEFINITIONS[metric],
        year=year,
        month=month,
        value=value,
        source=source,
        is_demo=demo,
    )


def series(market, metric, year, values, *, demo=False, source="test"):
    """Monthly figures from January (None: a month without a figure)."""
    for month, value in enumerate(values, start=1):
        if value is not None:
            figure(market, metric, year, value, month=month, demo=demo, source=source)


def pct(number: str) -> str:
    """A percentage as the pages write it: isolated left to right (core/numbers.py)."""
    return f"\u2066{number}\u00a0%\u2069"
