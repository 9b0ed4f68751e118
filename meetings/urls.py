from django.urls import path

from .views import outcomes, pages, planning, responses

app_name = "meetings"

urlpatterns = [
    path("", pages.meeting_list, name="list"),
    path("new/", planning.meeting_create, name="create"),
    path("people/search/", planning.people_search, name="people_search"),
    path("<int:pk>/", pages.meeting_detail, name="detail"),
    path("<int:pk>/history/", pages.meeting_history, name="history"),
    path("<int:pk>/edit/", planning.meeting_edit, name="edit"),
    path("<int:pk>/outcomes/", outcomes.meeting_outcomes, name="outcomes"),
    path("<int:pk>/status/", outcomes.meeting_transition, name="transition"),
    path("<int:pk>/minutes.pdf", pages.meeting_minutes_pdf, name="minutes_pdf"),
    path("<int:pk>/calendar.ics", pages.meeting_calendar, name="calendar"),
    path("<int:pk>/rsvp/", responses.meeting_rsvp, name="rsvp"),
    path("outcomes/<int:pk>/close/", outcomes.outcome_close, name="outcome_close"),
    path(
        "<int:pk>/answer/<int:participant_pk>/<str:token>/",
        responses.rsvp_link,
        name="rsvp_link",
    ),
]
