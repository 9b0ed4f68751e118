"""A market's page: its figures with their sources and recovery against 2019, its
targets and their status, its roadmaps (progress, slippage), its open milestones,
the recommendations aimed at it and its meetings — as far as the viewer may see.
A fixed number of queries whatever the number of rows.
The page is kept rendered until a record changes (roadmaps/kept_pages.py)."""

from dataclasses import dataclass

from django.db.models import Count, F, Max, Q
from django.utils import timezone
from django.utils.translation import get_language_bidi

from core.typing import Viewer
from meetings.permissions import visible_meetings
from partners.models import Market

from ..models import Milestone, Recommendation, Target
from ..permissions import recommendations_visible_to, roadmaps_visible_to
from . import charts
from .actions import actionable_outcomes, tracked_outcomes
from .indicators import BASELINE_YEAR, Figure, Recovery, TargetStatus, recoveries, target_status
from .roadmaps import roadmaps_for_list

LIST_LIMIT = 50


@dataclass
class FigureRow:
    figure: Figure
    ratio: object  # Decimal | None: against the same period of 2019

    @property
    def is_baseline(self) -> bool:
        return self.figure.year == BASELINE_YEAR


@dataclass
class MetricPanel:
    recovery: Recovery
    rows: list[FigureRow]
    bars: charts.YearBars | None
    lines: charts.MonthLines | None


def figure_rows(recovery: Recovery) -> list[FigureRow]:
    """Every figure of a metric, each against the same period of 2019."""
    rows = []
    for figure in recovery.figures():
        if figure.month is None:
            base = recovery.annual.get(BASELINE_YEAR)
        else:
            base = recovery.monthly.get((BASELINE_YEAR, figure.month))
        ratio = figure.value / base.value if base is not None and base.value else None
        rows.append(FigureRow(figure, ratio))
    return rows


def _panel(recovery: Recovery, *, rtl: bool) -> MetricPanel | None:
    rows = figure_rows(recovery)
    if not rows:
        return None
    return MetricPanel(
        recovery=recovery,
        rows=rows,
        bars=charts.year_bars(recovery, rtl=rtl),
        lines=charts.month_lines(recovery, rtl=rtl),
    )


def targets_with_status(markets: list[Market], by_market: dict) -> dict[int, list[TargetStatus]]:
    """Each market's targets with their status against its latest figures. One query."""
    result = {market.pk: [] for market in markets}
    for target in Target.objects.filter(market__in=markets).order_by("year", "metric"):
        result[target.market_id].append(
            target_status(target, by_market[target.market_id][target.metric])
        )
    return result


def market_page(market: Market, user: Viewer) -> dict:
    rtl = get_language_bidi()
    by_metric = recoveries([market.pk])[market.pk]
    panels = [panel for recovery in by_metric.values() if (panel := _panel(recovery, rtl=rtl))]
    today = timezone.localdate()
    roadmaps = list(
        roadmaps_for_list(user)
        .select_related(None)  # the market is this page's; no owner is shown
        .filter(market=market)
        .annotate(
            slipped_count=Count(
                "milestones",
                filter=Q(milestones__due_date__gt=F("milestones__baseline_due_date"))
                & ~Q(milestones__status=Milestone.Status.CANCELLED),
                distinct=True,
            ),
            planned_count=Count(
                "milestones", filter=Q(milestones__baseline_due_date__isnull=False), distinct=True
            ),
            max_slippage=Max(F("milestones__due_date") - F("milestones__baseline_due_date")),
        )
    )
    open_milestones = (
        Milestone.objects.open()
        .filter(roadmap__in=roadmaps_visible_to(user).filter(market=market))
        .select_related("roadmap", "owner")
        .order_by("due_date", "pk")
    )
    recommendations = (
        recommendations_visible_to(user)
        .filter(markets=market)
        .select_related("organization")
        .order_by("-submitted_at", "-pk")
    )
    # Counted by the database: a volume market's 10,000 rows are not sent over.
    by_status = dict(recommendations.order_by().values_list("status").annotate(total=Count("pk")))
    shown_milestones = list(open_milestones[:LIST_LIMIT])
    return {
        "panels": panels,
        "targets": targets_with_status([market], {market.pk: by_metric})[market.pk],
        "roadmaps": roadmaps,
        "open_milestones": shown_milestones,
        # Counted only when the list is full: below the limit, the list is all of them.
        "open_milestone_count": (
            open_milestones.count()
            if len(shown_milestones) == LIST_LIMIT
            else len(shown_milestones)
        ),
        "today": today,
        "recommendation_statuses": [
            (label, by_status[value])
            for value, label in Recommendation.Status.choices
            if by_status.get(value)
        ],
        "recommendations": list(recommendations[:LIST_LIMIT]),
        "recommendation_count": sum(by_status.values()),
        "meetings": list(
            visible_meetings(user)
            .filter(markets=market)
            .select_related("organizer")
            .order_by("-starts_at")[:LIST_LIMIT]
        ),
        "baseline_year": BASELINE_YEAR,
        # What partners asked or promised about this market, and what became of it.
        "tracked": tracked_outcomes(
            user, actionable_outcomes(user).filter(market=market)[:LIST_LIMIT]
        ),
    }
