"""A roadmap's timeline, computed on the server and drawn as SVG: its period, each
milestone on its planned (baseline) and current due dates, and today's line.

Time runs in the reader's direction: left to right, or right to left when the
page is in Arabic (positions are mirrored here, not by CSS, so that the numbers
a test reads are the ones drawn).
"""

import datetime
from dataclasses import dataclass

WIDTH = 1000  # the SVG's own units; it scales to the page
MARGIN = 10
ROW = 22
AXIS = 28  # room for the month labels at the top


@dataclass
class Mark:
    milestone: object
    y: int
    x_due: float
    x_baseline: float | None  # None: no plan recorded (roadmap never active)
    late: bool  # open and past its due date


@dataclass
class Timeline:
    starts_on: datetime.date
    ends_on: datetime.date
    rtl: bool
    marks: list[Mark]
    ticks: list[tuple[float, datetime.date]]  # first day of each month in the period
    x_today: float | None  # None when today is outside the period
    width: int = WIDTH

    @property
    def height(self) -> int:
        return AXIS + ROW * max(len(self.marks), 1) + MARGIN

    @property
    def x_start(self) -> float:
        return self.x(self.starts_on)

    @property
    def x_end(self) -> float:
        return self.x(self.ends_on)

    def x(self, day: datetime.date) -> float:
        """Where a day falls across the drawing; days outside the period are
        pinned to its edges (a milestone moved past the end stays visible)."""
        span = max((self.ends_on - self.starts_on).days, 1)
        share = min(max((day - self.starts_on).days / span, 0.0), 1.0)
        usable = self.width - 2 * MARGIN
        offset = share * usable
        return round(MARGIN + (usable - offset if self.rtl else offset), 1)


def roadmap_timeline(roadmap, milestones, *, today: datetime.date, rtl: bool) -> Timeline:
    """milestones: those shown on the page, in their order (cancelled ones left out)."""
    timeline = Timeline(roadmap.starts_on, roadmap.ends_on, rtl, [], [], None)
    shown = [m for m in milestones if m.status != "cancelled"]
    for index, milestone in enumerate(shown):
        baseline = milestone.baseline_due_date
        timeline.marks.append(
            Mark(
                milestone=milestone,
                y=AXIS + ROW * index + ROW // 2,
                x_due=timeline.x(milestone.due_date),
                x_baseline=timeline.x(baseline) if baseline is not None else None,
                late=milestone.is_overdue,
            )
        )
    month = roadmap.starts_on.replace(day=1)
    while month <= roadmap.ends_on:
        if month >= roadmap.starts_on:
            timeline.ticks.append((timeline.x(month), month))
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    if roadmap.starts_on <= today <= roadmap.ends_on:
        timeline.x_today = timeline.x(today)
    return timeline
