"""The dashboard: where each market stands against 2019, what is due or late, what
partners asked, what comes next — for the person looking, in a fixed number of queries."""

from django.utils import timezone

from meetings.permissions import visible_meetings
from partners.models import Market
from roadmaps import indicators
from roadmaps.figures import recommendation_figures
from roadmaps.models import Milestone, Roadmap
from roadmaps.permissions import (
    delegate_market_ids,
    recommendations_visible_to,
    roadmaps_visible_to,
)
from roadmaps.selectors import roadmaps_for_list

LIST_LIMIT = 10


def _market_rows(user):
    markets = list(Market.objects.filter(is_strategic=True).order_by("code"))
    recovery = indicators.recoveries([market.pk for market in markets])
    own = delegate_market_ids(user)
    rows = []
    for market in markets:
        by_metric = recovery[market.pk]
        arrivals = by_metric[indicators.Metric.ARRIVALS]
        rows.append(
            {
                "market": market,
                "own": market.pk in own,
                "metrics": [by_metric[metric] for metric in indicators.Metric.values],
                "arrivals": arrivals,
                "sparkline": indicators.sparkline_points(arrivals.series),
            }
        )

    def distance(row):
        ratio = row["arrivals"].ytd_ratio
        # The delegate's own markets first, then the furthest from 2019; no baseline last.
        return (not row["own"], ratio is None, ratio if ratio is not None else 0)

    rows.sort(key=distance)
    return rows


def dashboard_context(user) -> dict:
    active = roadmaps_visible_to(user).filter(status=Roadmap.Status.ACTIVE)
    milestones = Milestone.objects.filter(roadmap__in=active).select_related(
        "roadmap__market", "owner"
    )
    return {
        "market_rows": _market_rows(user),
        "baseline_year": indicators.BASELINE_YEAR,
        "roadmaps": list(roadmaps_for_list(user).filter(status=Roadmap.Status.ACTIVE)),
        "due_soon": list(milestones.due_within(days=14).order_by("due_date", "pk")[:LIST_LIMIT]),
        "overdue": list(milestones.overdue().order_by("due_date", "pk")[:LIST_LIMIT]),
        "overdue_count": milestones.overdue().count(),
        "recommendations": recommendation_figures(recommendations_visible_to(user)),
        "next_meetings": list(
            visible_meetings(user)
            .upcoming(now=timezone.now())
            .exclude(status="cancelled")
            .select_related("organizer")
            .order_by("starts_at")[:5]
        ),
    }
