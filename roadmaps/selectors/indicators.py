"""Recovery against 2019, computed like for like — the objective the July 2022
meeting set — and the status of targets.

Rules (README, « Recovery you can measure »):
- A market's figures of one metric share one definition (the import refuses a
  mix); demonstration values are kept apart from published ones and used only
  where no published figure exists, always marked « démo ».
- The latest year after 2019 with figures is compared with 2019: month by month
  over the same months when both years have monthly figures; otherwise the whole
  year against the whole year (twelve months add up to a year). With no 2019
  figure for that period, there is no baseline, and nothing is divided.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from ..models import MarketIndicator, Metric, Target

BASELINE_YEAR = 2019


@dataclass
class Figure:
    year: int
    month: int | None
    value: Decimal
    definition: str
    source: str
    confidence: str
    is_demo: bool

    @property
    def period_start(self) -> datetime.date:
        return datetime.date(self.year, self.month or 1, 1)


@dataclass
class Recovery:
    metric: str
    definition: str = ""
    is_demo: bool = False
    year: int | None = None  # the year compared with 2019
    months: list = field(default_factory=list)  # empty: the whole year
    value: Decimal | None = None
    baseline: Decimal | None = None
    last_month: int | None = None
    month_value: Decimal | None = None
    month_baseline: Decimal | None = None
    annual: dict = field(default_factory=dict)  # year -> Figure (whole years)
    monthly: dict = field(default_factory=dict)  # (year, month) -> Figure
    # (year, month, value, baseline) for up to the last 12 months with data
    series: list = field(default_factory=list)

    @staticmethod
    def _ratio(value, baseline):
        if value is None or not baseline:
            return None  # no 2019 figure for this period: "no baseline", never a division
        return value / baseline

    @property
    def ratio(self):
        return self._ratio(self.value, self.baseline)

    @property
    def month_ratio(self):
        return self._ratio(self.month_value, self.month_baseline)

    @property
    def label(self) -> str:
        return str(Metric(self.metric).label)

    @property
    def definition_label(self) -> str:
        return str(MarketIndicator.Definition(self.definition).label) if self.definition else ""

    @property
    def whole_year(self) -> bool:
        return not self.months

    def compared(self) -> list[Figure]:
        """The figures the ratio is made of: the period and the same period of 2019."""
        if self.year is None:
            return []
        if self.months:
            keys = [(y, m) for y in (BASELINE_YEAR, self.year) for m in self.months]
            return [self.monthly[key] for key in keys if key in self.monthly]
        years = (BASELINE_YEAR, self.year)
        found = [self.annual[y] for y in years if y in self.annual]
        return found + [
            f for (y, _m), f in self.monthly.items() if y in years and y not in self.annual
        ]

    @property
    def sources(self) -> list[str]:
        """The sources of the compared figures, each once, in order."""
        return list(dict.fromkeys(figure.source for figure in self.compared()))

    def figures(self) -> list[Figure]:
        """Every figure of this metric, whole years first, then months, by date."""
        return sorted(self.annual.values(), key=lambda f: f.year) + sorted(
            self.monthly.values(), key=lambda f: (f.year, f.month)
        )


def latest_year() -> int | None:
    years = MarketIndicator.objects.filter(year__gt=BASELINE_YEAR).values_list("year", flat=True)
    return max(years, default=None)


def _compare(recovery: Recovery, year: int | None) -> None:
    """Set the compared period, value and baseline of one market's metric."""
    monthly_years = {y for (y, _m) in recovery.monthly}
    years = sorted({*recovery.annual, *monthly_years} - {BASELINE_YEAR})
    if not years:
        return
    year = year if year in years else years[-1]
    recovery.year = year
    months = sorted(m for (y, m) in recovery.monthly if y == year)
    base_months = {m for (y, m) in recovery.monthly if y == BASELINE_YEAR}
    if months and (set(months) <= base_months) and len(months) < 12:
        recovery.months = months
        recovery.value = sum(recovery.monthly[(year, m)].value for m in months)
        recovery.baseline = sum(recovery.monthly[(BASELINE_YEAR, m)].value for m in months)
    else:
        recovery.value = whole_year(recovery, year)
        recovery.baseline = whole_year(recovery, BASELINE_YEAR)
    if months:
        last = months[-1]
        recovery.last_month = last
        recovery.month_value = recovery.monthly[(year, last)].value
        base = recovery.monthly.get((BASELINE_YEAR, last))
        recovery.month_baseline = base.value if base else None
        recent = sorted(
            (key for key in recovery.monthly if key[0] in (year - 1, year) and key <= (year, last)),
            reverse=True,
        )[:12]
        recovery.series = [
            (
                y,
                m,
                recovery.monthly[(y, m)].value,
                getattr(recovery.monthly.get((BASELINE_YEAR, m)), "value", None),
            )
            for y, m in sorted(recent)
        ]


def whole_year(recovery: Recovery, year: int) -> Decimal | None:
    """A whole year: its annual figure, or its twelve months added up."""
    if year in recovery.annual:
        return recovery.annual[year].value
    months = [recovery.monthly.get((year, m)) for m in range(1, 13)]
    return None if None in months else sum(figure.value for figure in months)


def recoveries(
    market_ids: Iterable[int], *, year: int | None = None
) -> dict[int, dict[str, Recovery]]:
    """For each market, a Recovery per metric. One query for any number of markets."""
    market_ids = list(market_ids)
    grouped = defaultdict(lambda: {"published": [], "demo": []})
    rows = MarketIndicator.objects.filter(market_id__in=market_ids).values_list(
        "market_id", "metric", "year", "month", "value", "definition", "source", "confidence",
        "is_demo",
    )  # fmt: skip
    for market_id, metric, row_year, month, value, definition, source, confidence, demo in rows:
        figure = Figure(row_year, month, value, definition, source, confidence, demo)
        grouped[(market_id, metric)]["demo" if demo else "published"].append(figure)
    result = {market_id: {m: Recovery(m) for m in Metric.values} for market_id in market_ids}
    for (market_id, metric), kinds in grouped.items():
        # Published figures when there are any; demonstration ones never mixed in.
        figures = kinds["published"] or kinds["demo"]
        # One definition (MarketIndicator.clean keeps it so); were another to slip
        # in, it is left out rather than divided by: the latest figure's counts.
        latest = max(figures, key=lambda f: (f.year, f.month or 13))
        figures = [f for f in figures if f.definition == latest.definition]
        recovery = result[market_id][metric]
        recovery.definition = latest.definition
        recovery.is_demo = figures[0].is_demo
        for figure in figures:
            if figure.month is None:
                recovery.annual[figure.year] = figure
            else:
                recovery.monthly[(figure.year, figure.month)] = figure
        _compare(recovery, year)
    return result


def sparkline_points(
    series: list, *, width: int = 160, height: int = 40, ceiling: Decimal = Decimal("1.5")
) -> str:
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


# --- targets --------------------------------------------------------------------


REACHED, ON_TRACK, BEHIND, NO_DATA = "reached", "on_track", "behind", "no_data"


@dataclass
class TargetStatus:
    target: Target
    status: str
    goal: Decimal | None  # the target as a value (a share times 2019)
    actual: Decimal | None
    ratio_of_goal: Decimal | None

    @property
    def label(self):
        from django.utils.translation import gettext as _

        return {
            REACHED: _("Reached"),
            ON_TRACK: _("On track"),
            BEHIND: _("Behind"),
            NO_DATA: _("No data"),
        }[self.status]


def target_status(target: Target, recovery: Recovery) -> TargetStatus:
    """How a target stands against the latest actual (README: the rule).

    - reached: the target year is complete in the figures and at or above the goal;
    - on track: only part of the year is known, and those months, against the
      same months of 2019, are at or above the share the goal asks for;
    - behind: the complete year is below the goal, or the months known are;
    - no data: no figure for the target year yet (or no 2019 figure, for a goal
      given as a share of 2019).
    """
    year = target.year
    baseline_year = whole_year(recovery, BASELINE_YEAR)
    if target.value is not None:
        goal = Decimal(target.value)
        share = goal / baseline_year if baseline_year else None
    else:
        share = Decimal(target.share_of_2019) / 100
        goal = share * baseline_year if baseline_year is not None else None
    actual = whole_year(recovery, year)
    if actual is not None:
        if goal is None:
            return TargetStatus(target, NO_DATA, None, actual, None)
        status = REACHED if actual >= goal else BEHIND
        return TargetStatus(target, status, goal, actual, actual / goal if goal else None)
    months = sorted(m for (y, m) in recovery.monthly if y == year)
    bases = [recovery.monthly.get((BASELINE_YEAR, m)) for m in months]
    if not months or share is None or None in bases:
        return TargetStatus(target, NO_DATA, goal, None, None)
    so_far = sum(recovery.monthly[(year, m)].value for m in months)
    pace = so_far / sum(base.value for base in bases)
    status = ON_TRACK if pace >= share else BEHIND
    return TargetStatus(target, status, goal, so_far, pace / share)
