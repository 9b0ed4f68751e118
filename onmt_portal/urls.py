from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

from . import feeds, views
from .forms import PortalAdminAuthenticationForm, PortalAuthenticationForm

admin.site.site_header = _("ONMT Partner Portal — administration")
admin.site.site_title = _("ONMT Partner Portal")
admin.site.index_title = _("Administration")
admin.site.login_form = PortalAdminAuthenticationForm

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz/", views.healthz, name="healthz"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=PortalAuthenticationForm),
        name="login",
    ),
    path("accounts/logout/", views.LogoutView.as_view(), name="logout"),
    path("accounts/profile/", views.profile, name="profile"),
    path("accounts/profile/calendar/", views.profile_calendar, name="profile_calendar"),
    path("calendar/<str:token>.ics", feeds.calendar_feed, name="calendar_feed"),
    path("accounts/", include("django.contrib.auth.urls")),
    # Anyone may choose a language, the log-in page included.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("partners/", include("partners.urls")),
    path("meetings/", include("meetings.urls")),
    path("", include("roadmaps.urls")),
    path("admin/", admin.site.urls),
]
