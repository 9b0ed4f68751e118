from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("<int:pk>/", views.organization_detail, name="organization"),
    path("people/<int:pk>/", views.person_detail, name="person"),
    path("agreements/<int:pk>/document/", views.agreement_document, name="agreement_document"),
]
