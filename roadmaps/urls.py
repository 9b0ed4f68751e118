from django.urls import path

from .views import (
    conversation,
    exports,
    indicators,
    milestones,
    recommendation_page,
    recommendations,
    roadmaps,
)

app_name = "roadmaps"

urlpatterns = [
    # recommendations: roadmaps:recommendation_*
    path("recommendations/", recommendations.recommendation_list, name="recommendation_list"),
    path(
        "recommendations/new/",
        recommendations.recommendation_create,
        name="recommendation_create",
    ),
    path(
        "recommendations/export.csv",
        exports.recommendation_export,
        {"fmt": "csv"},
        name="recommendation_export_csv",
    ),
    path(
        "recommendations/export.xlsx",
        exports.recommendation_export,
        {"fmt": "xlsx"},
        name="recommendation_export_xlsx",
    ),
    path(
        "recommendations/<int:pk>/",
        recommendation_page.recommendation_detail,
        name="recommendation_detail",
    ),
    path(
        "recommendations/<int:pk>/history/",
        recommendation_page.recommendation_history,
        name="recommendation_history",
    ),
    path(
        "recommendations/<int:pk>/edit/",
        recommendations.recommendation_edit,
        name="recommendation_edit",
    ),
    path(
        "recommendations/<int:pk>/submit/",
        recommendations.recommendation_submit,
        name="recommendation_submit",
    ),
    path(
        "recommendations/<int:pk>/review/",
        recommendations.recommendation_review,
        name="recommendation_review",
    ),
    path(
        "recommendations/<int:pk>/messages/",
        conversation.recommendation_message,
        name="recommendation_message",
    ),
    path(
        "recommendations/messages/<int:pk>/edit/",
        conversation.recommendation_message_edit,
        name="recommendation_message_edit",
    ),
    # roadmaps: roadmaps:roadmap_*
    path("roadmaps/", roadmaps.roadmap_list, name="roadmap_list"),
    path("roadmaps/new/", roadmaps.roadmap_create, name="roadmap_create"),
    path("roadmaps/<int:pk>/", roadmaps.roadmap_detail, name="roadmap_detail"),
    path("roadmaps/<int:pk>/history/", roadmaps.roadmap_history, name="roadmap_history"),
    path("roadmaps/<int:pk>/edit/", roadmaps.roadmap_edit, name="roadmap_edit"),
    path("roadmaps/<int:pk>/export.xlsx", exports.roadmap_export, name="roadmap_export"),
    # milestones: roadmaps:milestone_*
    path(
        "roadmaps/<int:pk>/milestones/new/",
        milestones.milestone_create,
        name="milestone_create",
    ),
    path("roadmaps/milestones/<int:pk>/edit/", milestones.milestone_edit, name="milestone_edit"),
    path(
        "roadmaps/milestones/<int:pk>/progress/",
        milestones.milestone_progress,
        name="milestone_progress",
    ),
    path(
        "roadmaps/from-meeting/<int:meeting_pk>/",
        milestones.milestone_followup_create,
        name="milestone_followup_create",
    ),
    path("roadmaps/outcomes/<int:pk>/answer/", milestones.outcome_answer, name="outcome_answer"),
    # markets: their page, targets and dossier
    path("markets/<str:code>/", indicators.market_detail, name="market_detail"),
    path("markets/<str:code>/targets/new/", indicators.target_create, name="target_create"),
    path(
        "markets/<str:code>/targets/<int:pk>/edit/",
        indicators.target_edit,
        name="target_edit",
    ),
    path(
        "roadmaps/markets/<str:code>/dossier.xlsx",
        exports.market_dossier,
        name="market_dossier",
    ),
]
