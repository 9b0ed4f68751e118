from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("new/", views.meeting_create, name="create"),
    path("people/search/", views.people_search, name="people_search"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/edit/", views.meeting_edit, name="edit"),
    path("<int:pk>/outcomes/", views.meeting_outcomes, name="outcomes"),
    path("<int:pk>/status/", views.meeting_transition, name="transition"),
    path("<int:pk>/minutes.pdf", views.meeting_minutes_pdf, name="minutes_pdf"),
    path("<int:pk>/calendar.ics", views.meeting_calendar, name="calendar"),
]
