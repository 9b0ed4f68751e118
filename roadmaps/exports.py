"""Spreadsheet exports, each built from the same permission-filtered querysets as
the pages, in the viewer's language: recommendations (CSV, XLSX), a roadmap
(XLSX), and a market dossier (one XLSX for one market)."""

from itertools import chain, islice

from django.http import QueryDict
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

from core.choices import label, labels
from core.exports import csv_download, write_xlsx, xlsx_download
from meetings.permissions import visible_meetings

from . import permissions, selectors
from .forms import RecommendationFilterForm
from .models import Milestone, Recommendation
from .selectors.indicators import recoveries
from .selectors.markets import figure_rows, targets_with_status
from .selectors.recommendations import market_codes

__all__ = [
    "DOSSIER",
    "RECOMMENDATIONS",
    "csv_download",
    "market_dossier",
    "milestone_rows",
    "recommendation_rows",
    "write_xlsx",
    "xlsx_download",
]

# Rows read from PostgreSQL at a time, through a server-side cursor.
CHUNK = 2000
# Kinds of export a worker may build (core/prepared_exports.py, roadmaps/apps.py).
RECOMMENDATIONS = "roadmaps.recommendations"
DOSSIER = "roadmaps.market_dossier"


def may_export_recommendations(user, params: dict) -> bool:
    return permissions.can_export_recommendations(user)


def recommendations_filtered(user, query: QueryDict):
    """The list page's recommendations for these filters (its query string)."""
    form = RecommendationFilterForm(query or None)
    filters = form.cleaned_data if form.is_valid() else {}
    return selectors.recommendations_for_list(user, filters=filters)


def recommendation_sheets(user, params: dict) -> dict:
    recommendations = recommendations_filtered(user, QueryDict(params.get("query", "")))
    return {
        str(Recommendation._meta.verbose_name_plural): recommendation_rows(user, recommendations)
    }


def may_export_dossier(user, params: dict) -> bool:
    return permissions.markets_visible_to(user).filter(code=params.get("market")).exists()


def dossier_sheets(user, params: dict) -> dict:
    return market_dossier(user, permissions.markets_visible_to(user).get(code=params["market"]))


def dossier_recommendations(user, market):
    return (
        permissions.recommendations_visible_to(user)
        .filter(markets=market)
        .order_by("-submitted_at", "pk")
    )


def _chunks(iterable, size=CHUNK):
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def recommendation_rows(user, recommendations):
    """The header, then one row per recommendation, read CHUNK rows at a time as
    plain values (no model objects), with the markets of each chunk in one query.
    The header and the labels are translated now, in the viewer's language: the
    rows may be written after the view has returned (a streamed response)."""
    notes = permissions.can_read_review_notes(user)
    header = [
        _("Title"),
        _("Organization"),
        _("Markets"),
        _("Theme"),
        _("Priority"),
        _("Status"),
        _("Submitted"),
        _("Decided on"),
        _("ONMT's answer"),
    ]
    columns = ["pk", "title", "organization__short_name", "theme", "priority", "status",
               "submitted_at", "decided_at", "response"]  # fmt: skip
    if notes:
        header.append(_("Internal review notes"))
        columns.append("review_notes")
    choices = [labels(Recommendation, name) for name in ("theme", "priority", "status")]
    values = recommendations.prefetch_related(None).values_list(*columns).iterator(chunk_size=CHUNK)
    return chain([header], _recommendation_body(values, choices))


def _recommendation_body(values, choices):
    themes, priorities, statuses = choices
    for chunk in _chunks(values):
        markets = market_codes([row[0] for row in chunk])
        for pk, title, organization, theme, priority, status, *rest in chunk:
            yield [
                title,
                organization,
                ", ".join(markets[pk]),
                themes.get(theme, theme),
                priorities.get(priority, priority),
                statuses.get(status, status),
                *rest,
            ]


def milestone_rows(milestones):
    """The header, then one row per milestone (read in chunks, like the recommendations)."""
    header = [
        _("Roadmap"),
        _("Due date"),
        _("Milestone"),
        _("Owner"),
        _("Status"),
        _("Progress (%)"),
        _("completed on"),
    ]
    statuses = labels(Milestone, "status")
    values = milestones.values_list(
        "roadmap__title", "due_date", "title", "owner__first_name", "owner__last_name",
        "status", "progress", "completed_on",
    ).iterator(chunk_size=CHUNK)  # fmt: skip
    body = (
        [roadmap, due, title, f"{first} {last}".strip(), statuses.get(status, status),
         progress, completed or ""]
        for roadmap, due, title, first, last, status, progress, completed in values
    )  # fmt: skip
    return chain([header], body)


def _target_level(target) -> object:
    if target.share_of_2019 is None:
        return target.value
    return _("%(share)s %% of 2019") % {"share": floatformat(target.share_of_2019, -1)}


def market_dossier(user, market) -> dict[str, list]:
    """What a delegate hands to the ministry: one market, everything the viewer may see."""
    roadmaps = list(
        permissions.roadmaps_visible_to(user).filter(market=market).select_related("owner")
    )
    milestones = Milestone.objects.filter(roadmap__in=roadmaps).order_by(
        "roadmap__starts_on", "due_date", "pk"
    )
    recommendations = dossier_recommendations(user, market)
    meetings = (
        visible_meetings(user)
        .filter(markets=market)
        .select_related("organizer")
        .order_by("-starts_at")
    )
    by_metric = recoveries([market.pk])[market.pk]
    targets = targets_with_status([market], {market.pk: by_metric})[market.pk]
    return {
        _("Roadmaps"): [
            [
                _("Roadmap"),
                _("starts on"),
                _("ends on"),
                _("Owner"),
                _("Status"),
                _("Objectives"),
            ]
        ]
        + [
            [
                r.title,
                r.starts_on,
                r.ends_on,
                r.owner.full_name,
                label(r),
                r.objectives,
            ]
            for r in roadmaps
        ],
        _("Milestones"): milestone_rows(milestones),
        _("Recommendations"): recommendation_rows(user, recommendations),
        _("Meetings"): [[_("Date"), _("Meeting"), _("Organizer"), _("Status")]]
        + [[m.starts_at, m.title, m.organizer.short_name, label(m)] for m in meetings],
        _("Indicators"): [
            [
                _("indicator"),
                _("definition"),
                _("year"),
                _("month"),
                _("value"),
                _("share of 2019 (%)"),
                _("source"),
                _("how far it was checked"),
                _("demonstration value"),
            ]
        ]
        + [
            [
                recovery.label,
                recovery.definition_label,
                row.figure.year,
                row.figure.month or "",
                row.figure.value,
                round(row.ratio * 100) if row.ratio is not None else "",
                row.figure.source,
                row.figure.confidence,
                _("yes") if row.figure.is_demo else "",
            ]
            for recovery in by_metric.values()
            for row in figure_rows(recovery)
        ],
        _("Targets"): [
            [_("year"), _("indicator"), _("Target"), _("Status"), _("demonstration target")]
        ]
        + [
            [
                status.target.year,
                status.target.get_metric_display(),
                _("%(share)s %% of 2019") % {"share": floatformat(status.target.share_of_2019, -1)}
                if status.target.share_of_2019 is not None
                else status.target.value,
                status.label,
                _("yes") if status.target.is_demo else "",
            ]
            for status in targets
        ],
    }
