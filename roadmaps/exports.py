"""Spreadsheet exports, each built from the same permission-filtered querysets as
the pages, in the viewer's language: recommendations (CSV, XLSX), a roadmap
(XLSX), and a market dossier (one XLSX for one market)."""

import csv
import io
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from meetings.permissions import visible_meetings

from . import permissions
from .models import MarketIndicator, Milestone

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _local(value):
    """Spreadsheets have no time zones: Casablanca time, without tzinfo."""
    if value is None:
        return ""
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        return timezone.localtime(value).replace(tzinfo=None)
    return value


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
            _local(recommendation.submitted_at),
            _local(recommendation.decided_at),
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


def to_csv(rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(["" if cell is None else cell for cell in row])
    # With a BOM, Excel opens accents and Arabic correctly.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(sheets: dict) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title=title[:31])
        for row in rows:
            sheet.append([float(cell) if isinstance(cell, Decimal) else cell for cell in row])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


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
    indicators = MarketIndicator.objects.filter(market=market).order_by("metric", "year", "month")
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
                [_local(m.starts_at), m.title, m.organizer.short_name, m.get_status_display()]
                for m in meetings
            ],
            _("Indicators"): [[_("indicator"), _("year"), _("month"), _("value"), _("source")]]
            + [[i.get_metric_display(), i.year, i.month, i.value, i.source] for i in indicators],
        }
    )
