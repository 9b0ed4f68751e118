"""The dashboard: where each market stands against 2019, what is due or late, what
partners asked, what comes next — for the person looking, in a fixed number of queries."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language_bidi

from meetings.permissions import visible_meetings
from partners.models import Market
from partners.roles import delegate_market_ids
from roadmaps.models import Milestone, Roadmap
from roadmaps.permissions import (
    markets_visible_to,
    recommendations_visible_to,
    roadmaps_visible_to,
)
from roadmaps.selectors import charts, indicators, roadmaps_for_list
from roadmaps.selectors.figures import recommendation_figures
from roadmaps.selectors.markets import targets_with_status

LIST_LIMIT = 10
NATIONAL = "ALL"  # the market code of the national total in the published figures


def _market_rows(user) -> dict:
    """Each strategic market's recovery against 2019 (furthest behind first), with
    its targets' status, and the national total apart; every figure's source once,
    numbered, for the footnotes."""
    markets = list(Market.objects.filter(Q(is_strategic=True) | Q(code=NATIONAL)).order_by("code"))
    by_market = indicators.recoveries([market.pk for market in markets])
    targets = targets_with_status(markets, by_market)
    own = delegate_market_ids(user)
    linked = set(
        markets_visible_to(user).filter(pk__in=[m.pk for m in markets]).values_list("pk", flat=True)
    )
    rtl = get_language_bidi()
    notes: dict[str, int] = {}
    rows = []
    for market in markets:
        metrics = [by_market[market.pk][metric] for metric in indicators.Metric.values]
        cells = []
        for recovery in metrics:
            numbers = sorted(
                notes.setdefault(source, len(notes) + 1) for source in recovery.sources
            )
            cells.append({"recovery": recovery, "notes": numbers})
        arrivals = by_market[market.pk][indicators.Metric.ARRIVALS]
        rows.append(
            {
                "market": market,
                "own": market.pk in own,
                "linked": market.pk in linked,
                "cells": cells,
                "arrivals": arrivals,
                "bars": charts.year_bars(arrivals, rtl=rtl),
                "targets": targets[market.pk],
            }
        )
    national = next((row for row in rows if row["market"].code == NATIONAL), None)
    rows = [row for row in rows if row is not national]

    def distance(row):
        ratio = row["arrivals"].ratio
        # The furthest from 2019 first; a market with no baseline last.
        return (ratio is None, ratio if ratio is not None else 0, row["market"].code)

    rows.sort(key=distance)
    return {
        "market_rows": rows,
        "national_row": national,
        "sources": [source for source, _number in sorted(notes.items(), key=lambda n: n[1])],
    }


def dashboard_context(user) -> dict:
    active = roadmaps_visible_to(user).filter(status=Roadmap.Status.ACTIVE)
    milestones = Milestone.objects.filter(roadmap__in=active).select_related(
        "roadmap__market", "owner"
    )
    return {
        **_market_rows(user),
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
            .order_by("starts_at", "pk")[:5]
        ),
    }
