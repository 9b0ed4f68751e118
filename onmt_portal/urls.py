from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language
from two_factor.views import (
    BackupTokensView,
    DisableView,
    ProfileView,
    QRGeneratorView,
    SetupCompleteView,
    SetupView,
)

from . import feeds, views, workspace
from .accounts import PortalLoginView, PortalPasswordResetView

# The second factor's screens (django-two-factor-auth), under the portal's names.
two_factor_patterns = (
    [
        path("", ProfileView.as_view(), name="profile"),
        path("setup/", SetupView.as_view(), name="setup"),
        path("setup/qrcode/", QRGeneratorView.as_view(), name="qr"),
        path("setup/complete/", SetupCompleteView.as_view(), name="setup_complete"),
        path("backup-codes/", BackupTokensView.as_view(), name="backup_tokens"),
        path("disable/", DisableView.as_view(), name="disable"),
    ],
    "two_factor",
)

handler400 = "onmt_portal.errors.bad_request"
handler500 = "onmt_portal.errors.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz/", views.healthz, name="healthz"),
    path("inbox/", workspace.inbox, name="inbox"),
    path("inbox/count/", workspace.inbox_count, name="inbox_count"),
    path("exports/<int:pk>/", workspace.export_download, name="export_download"),
    path("pick/<slug:kind>/", workspace.pick, name="pick"),
    path("search/", workspace.search, name="search"),
    path("accounts/login/", PortalLoginView.as_view(), name="login"),
    path("accounts/logout/", views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password_reset/",
        login_not_required(PortalPasswordResetView.as_view()),
        name="password_reset",
    ),
    path("accounts/profile/", views.profile, name="profile"),
    path("accounts/profile/calendar/", views.profile_calendar, name="profile_calendar"),
    path("accounts/two-factor/", include(two_factor_patterns)),
    path("calendar/<str:token>.ics", feeds.calendar_feed, name="calendar_feed"),
    path("accounts/", include("django.contrib.auth.urls")),
    # Anyone may choose a language, the log-in page included.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("partners/", include("partners.urls")),
    path("meetings/", include("meetings.urls")),
    path("", include("roadmaps.urls")),
    path("admin/", admin.site.urls),
]
