"""Recommendation figures for the dashboard, computed by the database and cached.

The counts by status, organization and market and the median time to a
decision scan every recommendation a viewer may see (50,000 at national
scale): each is computed once per visibility scope and kept in the cache until
a recommendation changes (a version bump from the signals below) or
FIGURES_TTL passes. Production shares the cache between processes (CACHE_URL,
Redis); with the default per-process cache a change shows at the latest after
FIGURES_TTL.
"""

import hashlib
import statistics

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Aggregate, Count, DurationField, ExpressionWrapper, F, QuerySet

from core import versions

from ..models import Recommendation

FIGURES_TTL = 300
LIST_LIMIT = 10
VERSION_KEY = "roadmaps:recommendation-figures:version"


class Median(Aggregate):
    """PostgreSQL's percentile_cont(0.5): the median, computed where the rows are."""

    function = "percentile_cont"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = DurationField()


def _median_days(decided: QuerySet) -> float | None:
    if connection.vendor == "postgresql":
        median = decided.aggregate(
            median=Median(
                ExpressionWrapper(F("decided_at") - F("submitted_at"), output_field=DurationField())
            )
        )["median"]
        return None if median is None else round(median.total_seconds() / 86400, 1)
    durations = [  # SQLite (make run): no percentile function
        (decided_at - submitted_at).total_seconds() / 86400
        for submitted_at, decided_at in decided.values_list("submitted_at", "decided_at")
    ]
    return round(statistics.median(durations), 1) if durations else None


def _compute(visible: QuerySet[Recommendation]) -> dict:
    by_status = dict(visible.order_by().values_list("status").annotate(total=Count("pk")))
    by_organization = list(
        visible.order_by()
        .values("organization__short_name")
        .annotate(total=Count("pk"))
        .order_by("-total", "organization__short_name")[:LIST_LIMIT]
    )
    by_market = list(
        visible.order_by()
        .filter(markets__isnull=False)
        .values("markets__code")
        .annotate(total=Count("pk"))
        .order_by("-total", "markets__code")[:LIST_LIMIT]
    )
    decided = visible.order_by().filter(decided_at__isnull=False, submitted_at__isnull=False)
    return {
        "by_status": by_status,
        "by_organization": by_organization,
        "by_market": by_market,
        "median_days": _median_days(decided),
    }


def recommendation_figures(visible: QuerySet[Recommendation]) -> dict:
    """The figures over `visible` (a viewer's recommendations_visible_to), cached per
    scope. The cache is an optimisation: when it is down, they are computed."""
    # The scope is the visibility query itself: two viewers share figures only
    # when they see exactly the same recommendations.
    try:
        sql = str(visible.query)
    except EmptyResultSet:  # sees nothing at all (e.g. no current mandate)
        sql = "nothing"
    scope = hashlib.sha256(sql.encode()).hexdigest()[:32]
    figures = versions.cached(
        VERSION_KEY,
        f"roadmaps:recommendation-figures:{scope}",
        lambda: _compute(visible),
        FIGURES_TTL,
    )
    by_status = figures["by_status"]
    statuses = [(label, by_status.get(value, 0)) for value, label in Recommendation.Status.choices]
    return {**figures, "statuses": statuses}


def invalidate_recommendation_figures(**kwargs) -> None:
    """Signal receiver: any saved, deleted or re-targeted recommendation changes the
    figures (core.versions: bumped at once and after the commit; never fails the
    change — with the cache down, figures age out instead)."""
    versions.bump_now_and_on_commit(VERSION_KEY)
