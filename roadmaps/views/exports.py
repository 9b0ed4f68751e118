"""Spreadsheets of the pages, with the same rights and filters: the recommendations
list (CSV streamed; XLSX, built by a worker above EXPORT_BACKGROUND_ROWS rows), a
roadmap, a market's dossier (roadmaps/exports.py writes them)."""

from django.views.decorators.http import require_GET

from core import prepared_exports
from partners.permissions import require

from .. import exports, permissions
from ..models import Recommendation


@require_GET
def recommendation_export(request, fmt):
    """The list as a spreadsheet: the same filters and the same rights as the page.
    CSV streams; an XLSX above EXPORT_BACKGROUND_ROWS rows is built by a worker."""
    user = request.user
    require(permissions.can_export_recommendations(user))
    recommendations = exports.recommendations_filtered(user, request.GET)
    if fmt == "csv":
        rows = exports.recommendation_rows(user, recommendations)
        return exports.csv_download(rows, "recommendations.csv")
    if prepared_exports.over_cap(recommendations):
        return prepared_exports.respond_later(
            request,
            kind=exports.RECOMMENDATIONS,
            params={"query": request.GET.urlencode()},
            filename="recommendations.xlsx",
        )
    sheets = {
        str(Recommendation._meta.verbose_name_plural): exports.recommendation_rows(
            user, recommendations
        )
    }
    return exports.xlsx_download(sheets, "recommendations.xlsx")


@require_GET
def roadmap_export(request, pk):
    roadmap = permissions.get_visible_roadmap(request.user, pk)
    milestones = roadmap.milestones.order_by("due_date", "pk")
    sheets = {str(roadmap.market.code): exports.milestone_rows(milestones)}
    return exports.xlsx_download(sheets, f"roadmap-{roadmap.pk}.xlsx")


@require_GET
def market_dossier(request, code):
    market = permissions.get_visible_market(request.user, code)
    filename = f"dossier-{market.code}.xlsx"
    if prepared_exports.over_cap(exports.dossier_recommendations(request.user, market)):
        return prepared_exports.respond_later(
            request, kind=exports.DOSSIER, params={"market": market.code}, filename=filename
        )
    return exports.xlsx_download(exports.market_dossier(request.user, market), filename)
