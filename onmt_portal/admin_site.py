"""The admin site: Django's, logged into through the portal's own log-in.

The portal's log-in asks for the second factor (django-two-factor-auth) and
counts failures (django-axes); the admin's would ask for a password only. So
the admin sends people there, and with PORTAL_REQUIRE_2FA it opens only to a
session that passed a second factor.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache


class PortalAdminSite(admin.AdminSite):
    site_header = _("ONMT Partner Portal — administration")
    site_title = _("ONMT Partner Portal")
    index_title = _("Administration")

    @method_decorator(never_cache)
    @login_not_required
    def login(self, request, extra_context=None):
        next_url = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            next_url = reverse("admin:index", current_app=self.name)
        return redirect_to_login(next_url, settings.LOGIN_URL)

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        return not settings.PORTAL_REQUIRE_2FA or request.user.is_verified()
