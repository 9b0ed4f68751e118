"""Spreadsheet exports, each built from the same permission-filtered querysets as
the pages, in the viewer's language: recommendations (CSV, XLSX), a roadmap
(XLSX), and a market dossier (one XLSX for one market)."""

from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

from core.exports import XLSX, download, to_csv, to_xlsx
from meetings.permissions import visible_meetings

from . import permissions
from .models import Milestone
from .selectors.indicators import recoveries
from .selectors.markets import figure_rows, targets_with_status

__all__ = [
    "XLSX",
    "download",
    "market_dossier",
    "milestone_rows",
    "recommendation_rows",
    "to_csv",
    "to_xlsx",
]


def recommendation_rows(user, recommendations):
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
    if notes:
        header.append(_("Internal review notes"))
    rows = [header]
    for recommendation in recommendations:
        row = [
            recommendation.title,
            recommendation.organization.short_name,
            ", ".join(market.code for market in recommendation.markets.all()),
            recommendation.get_theme_display(),
            recommendation.get_priority_display(),
            recommendation.get_status_display(),
            recommendation.submitted_at,
            recommendation.decided_at,
            recommendation.response,
        ]
        if notes:
            row.append(recommendation.review_notes)
        rows.append(row)
    return rows


def milestone_rows(milestones):
    rows = [
        [
            _("Roadmap"),
            _("Due date"),
            _("Milestone"),
            _("Owner"),
            _("Status"),
            _("Progress (%)"),
            _("completed on"),
        ]
    ]
    for milestone in milestones:
        rows.append(
            [
                milestone.roadmap.title,
                milestone.due_date,
                milestone.title,
                milestone.owner.full_name,
                milestone.get_status_display(),
                milestone.progress,
                milestone.completed_on or "",
            ]
        )
    return rows


def _target_level(target) -> object:
    if target.share_of_2019 is None:
        return target.value
    return _("%(share)s %% of 2019") % {"share": floatformat(target.share_of_2019, -1)}


def market_dossier(user, market) -> bytes:
    """What a delegate hands to the ministry: one market, everything the viewer may see."""
    roadmaps = list(
        permissions.roadmaps_visible_to(user).filter(market=market).select_related("owner")
    )
    milestones = (
        Milestone.objects.filter(roadmap__in=roadmaps)
        .select_related("roadmap", "owner")
        .order_by("roadmap__starts_on", "due_date", "pk")
    )
    recommendations = (
        permissions.recommendations_visible_to(user)
        .filter(markets=market)
        .select_related("organization")
        .prefetch_related("markets")
        .order_by("-submitted_at", "pk")
    )
    meetings = (
        visible_meetings(user)
        .filter(markets=market)
        .select_related("organizer")
        .order_by("-starts_at")
    )
    by_metric = recoveries([market.pk])[market.pk]
    targets = targets_with_status([market], {market.pk: by_metric})[market.pk]
    return to_xlsx(
        {
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
                    r.get_status_display(),
                    r.objectives,
                ]
                for r in roadmaps
            ],
            _("Milestones"): milestone_rows(milestones),
            _("Recommendations"): recommendation_rows(user, recommendations),
            _("Meetings"): [[_("Date"), _("Meeting"), _("Organizer"), _("Status")]]
            + [
                [m.starts_at, m.title, m.organizer.short_name, m.get_status_display()]
                for m in meetings
            ],
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
                    _("%(share)s %% of 2019")
                    % {"share": floatformat(status.target.share_of_2019, -1)}
                    if status.target.share_of_2019 is not None
                    else status.target.value,
                    status.label,
                    _("yes") if status.target.is_demo else "",
                ]
                for status in targets
            ],
        }
    )
