"""The dashboard: where each market stands against 2019, what is due or late, what
partners asked, what comes next — for the person looking, in a fixed number of queries."""

import statistics

from django.db.models import Count
from django.utils import timezone

from meetings.permissions import visible_meetings
from partners.models import Market
from roadmaps import indicators
from roadmaps.models import Milestone, Recommendation, Roadmap
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


def _recommendation_figures(user):
    visible = recommendations_visible_to(user)
    by_status = dict(visible.order_by().values_list("status").annotate(total=Count("pk")))
    statuses = [(label, by_status.get(value, 0)) for value, label in Recommendation.Status.choices]
    by_organization = list(
        visible.order_by()
        .values("organization__short_name")
        .annotate(total=Count("pk"))
        .order_by("-total", "organization__short_name")[:LIST_LIMIT]
    )
    by_market = list(
        visible.order_by()
        .values("markets__code")
        .annotate(total=Count("pk", distinct=True))
        .order_by("-total", "markets__code")[:LIST_LIMIT]
    )
    durations = [
        (decided - submitted).total_seconds() / 86400
        for submitted, decided in visible.filter(
            decided_at__isnull=False, submitted_at__isnull=False
        ).values_list("submitted_at", "decided_at")
    ]
    return {
        "statuses": statuses,
        "by_organization": by_organization,
        "by_market": [row for row in by_market if row["markets__code"]],
        "median_days": round(statistics.median(durations), 1) if durations else None,
    }


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
        "recommendations": _recommendation_figures(user),
        "next_meetings": list(
            visible_meetings(user)
            .upcoming(now=timezone.now())
            .exclude(status="cancelled")
            .select_related("organizer")
            .order_by("starts_at")[:5]
        ),
    }
