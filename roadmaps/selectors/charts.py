"""Charts of a market's figures, computed on the server and drawn as SVG by the
templates (no script, no inline style). Coordinates are given as plain strings
("12.5"), never localized; the labels are formatted by the templates in the
reader's language. In Arabic the time axis runs from right to left.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from .indicators import BASELINE_YEAR, Recovery, whole_year

WIDTH, HEIGHT = 600, 220
TOP, BOTTOM, SIDE = 24, 28, 12  # room for the value labels, the year labels, the edges


def _n(number: float) -> str:
    return f"{number:.1f}"


@dataclass
class Bar:
    year: int
    value: Decimal
    ratio: Decimal | None  # against 2019
    x: str
    y: str
    width: str
    height: str
    x_label: str


@dataclass
class YearBars:
    bars: list[Bar]
    baseline_y: str | None  # the 2019 level across the chart
    width: int = WIDTH
    height: int = HEIGHT


def year_bars(recovery: Recovery, *, rtl: bool) -> YearBars | None:
    """One bar per whole year known (2019 included), with the 2019 level drawn."""
    years = sorted(
        {*recovery.annual, *(y for (y, _m) in recovery.monthly)}
    )  # a year of twelve months counts as whole
    values = [(year, whole_year(recovery, year)) for year in years]
    values = [(year, value) for year, value in values if value is not None]
    if not values:
        return None
    top = max(value for _year, value in values) or Decimal(1)
    usable_h = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - 2 * SIDE) / len(values)
    bar_w = min(slot * 0.6, 90)
    baseline = whole_year(recovery, BASELINE_YEAR)
    bars = []
    for index, (year, value) in enumerate(values):
        position = len(values) - 1 - index if rtl else index
        x = SIDE + slot * position + (slot - bar_w) / 2
        h = float(value / top) * usable_h
        bars.append(
            Bar(
                year=year,
                value=value,
                ratio=(value / baseline) if baseline else None,
                x=_n(x),
                y=_n(TOP + usable_h - h),
                width=_n(bar_w),
                height=_n(h),
                x_label=_n(x + bar_w / 2),
            )
        )
    baseline_y = _n(TOP + usable_h - float(baseline / top) * usable_h) if baseline else None
    return YearBars(bars=bars, baseline_y=baseline_y)


@dataclass
class MonthLine:
    year: int
    points: str
    is_baseline: bool


@dataclass
class MonthLines:
    lines: list[MonthLine]
    ticks: list[tuple[str, int]] = field(default_factory=list)  # (x, month)
    width: int = WIDTH
    height: int = HEIGHT


def month_lines(recovery: Recovery, *, rtl: bool) -> MonthLines | None:
    """One line per year with monthly figures, over the twelve months."""
    if not recovery.monthly:
        return None
    top = max(figure.value for figure in recovery.monthly.values()) or Decimal(1)
    usable_h = HEIGHT - TOP - BOTTOM
    step = (WIDTH - 2 * SIDE) / 11

    def x_of(month: int) -> float:
        position = 12 - month if rtl else month - 1
        return SIDE + step * position

    lines = []
    for year in sorted({y for (y, _m) in recovery.monthly}):
        points = [
            f"{_n(x_of(month))},{_n(TOP + usable_h - float(figure.value / top) * usable_h)}"
            for month in range(1, 13)
            if (figure := recovery.monthly.get((year, month))) is not None
        ]
        lines.append(MonthLine(year, " ".join(points), year == BASELINE_YEAR))
    return MonthLines(lines=lines, ticks=[(_n(x_of(m)), m) for m in range(1, 13)])
