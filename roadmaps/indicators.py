"""Recovery against 2019: each market's indicators for the year to date and the last
month, divided by the same months of 2019 — the objective the July 2022 meeting set."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Max

from .models import MarketIndicator

BASELINE_YEAR = 2019
Metric = MarketIndicator.Metric


@dataclass
class Recovery:
    metric: str
    year: int | None = None
    last_month: int | None = None
    ytd_value: Decimal | None = None
    ytd_baseline: Decimal | None = None
    month_value: Decimal | None = None
    month_baseline: Decimal | None = None
    # (year, month, value, baseline) for up to the last 12 months with data
    series: list = field(default_factory=list)

    @staticmethod
    def _ratio(value, baseline):
        if value is None or not baseline:
            return None  # no 2019 figure for these months: "no baseline", never a division
        return value / baseline

    @property
    def ytd_ratio(self):
        return self._ratio(self.ytd_value, self.ytd_baseline)

    @property
    def month_ratio(self):
        return self._ratio(self.month_value, self.month_baseline)

    @property
    def label(self):
        return Metric(self.metric).label


def latest_year():
    return MarketIndicator.objects.filter(year__gt=BASELINE_YEAR).aggregate(year=Max("year"))[
        "year"
    ]


def recoveries(market_ids, *, year=None) -> dict[int, dict[str, Recovery]]:
    """For each market, a Recovery per metric. Two queries for any number of markets."""
    year = year or latest_year()
    result = {market_id: {m: Recovery(m) for m in Metric.values} for market_id in market_ids}
    if year is None:
        return result
    values = defaultdict(dict)  # (market, metric) -> {(year, month): value}
    rows = MarketIndicator.objects.filter(
        market_id__in=list(market_ids), year__in={BASELINE_YEAR, year - 1, year}
    ).values_list("market_id", "metric", "year", "month", "value")
    for market_id, metric, row_year, month, value in rows:
        values[(market_id, metric)][(row_year, month)] = value
    for (market_id, metric), series in values.items():
        recovery = result[market_id][metric]
        months = sorted(month for (row_year, month) in series if row_year == year)
        if not months:
            continue
        last = months[-1]
        recovery.year, recovery.last_month = year, last
        recovery.ytd_value = sum(series[(year, month)] for month in months)
        baseline = [series.get((BASELINE_YEAR, month)) for month in months]
        recovery.ytd_baseline = None if None in baseline else sum(baseline)
        recovery.month_value = series[(year, last)]
        recovery.month_baseline = series.get((BASELINE_YEAR, last))
        recent = sorted(
            (key for key in series if key[0] in (year - 1, year) and key <= (year, last)),
            reverse=True,
        )[:12]
        recovery.series = [
            (row_year, month, series[(row_year, month)], series.get((BASELINE_YEAR, month)))
            for row_year, month in sorted(recent)
        ]
    return result


def sparkline_points(series, *, width=160, height=40, ceiling=Decimal("1.5")) -> str:
    """SVG polyline points of value/baseline per month (100 % is the mid-high line)."""
    ratios = [(value / baseline) if baseline else None for _y, _m, value, baseline in series]
    points = []
    step = width / max(len(ratios) - 1, 1)
    for index, ratio in enumerate(ratios):
        if ratio is None:
            continue
        clipped = min(max(ratio, Decimal(0)), ceiling)
        y = height - float(clipped / ceiling) * height
        points.append(f"{index * step:.1f},{y:.1f}")
    return " ".join(points)
