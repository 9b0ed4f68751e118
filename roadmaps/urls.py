from django.urls import path

from . import views

app_name = "roadmaps"

urlpatterns = [
    path("recommendations/", views.recommendation_list, name="recommendation_list"),
    path("recommendations/new/", views.recommendation_create, name="recommendation_create"),
    path(
        "recommendations/export.csv",
        views.recommendation_export,
        {"fmt": "csv"},
        name="recommendation_export_csv",
    ),
    path(
        "recommendations/export.xlsx",
        views.recommendation_export,
        {"fmt": "xlsx"},
        name="recommendation_export_xlsx",
    ),
    path("recommendations/<int:pk>/", views.recommendation_detail, name="recommendation_detail"),
    path("recommendations/<int:pk>/edit/", views.recommendation_edit, name="recommendation_edit"),
    path(
        "recommendations/<int:pk>/review/",
        views.recommendation_review,
        name="recommendation_review",
    ),
    path("roadmaps/", views.roadmap_list, name="list"),
    path("roadmaps/new/", views.roadmap_create, name="create"),
    path("roadmaps/<int:pk>/", views.roadmap_detail, name="detail"),
    path("roadmaps/<int:pk>/edit/", views.roadmap_edit, name="edit"),
    path("roadmaps/<int:pk>/export.xlsx", views.roadmap_export, name="export"),
    path("roadmaps/markets/<str:code>/dossier.xlsx", views.market_dossier, name="dossier"),
    path("roadmaps/<int:pk>/milestones/new/", views.milestone_create, name="milestone_create"),
    path("roadmaps/milestones/<int:pk>/edit/", views.milestone_edit, name="milestone_edit"),
    path(
        "roadmaps/milestones/<int:pk>/progress/",
        views.milestone_progress,
        name="milestone_progress",
    ),
    path(
        "roadmaps/from-meeting/<int:meeting_pk>/",
        views.followup_create,
        name="followup_create",
    ),
]
