import time

from csp.constants import UNSAFE_INLINE
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from two_factor.utils import default_device

from partners.roles import is_staff


class AdminInlineStylesMiddleware:
    """Let the Django admin keep its inline style attributes (import previews use
    them); the portal's own pages have none, and their policy stays 'self' only.
    Scripts stay strict everywhere."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        response = self.get_response(request)
        if self.admin_prefix is None:
            self.admin_prefix = reverse("admin:index")
        if request.path.startswith(self.admin_prefix):
            response._csp_update = {"style-src": [UNSAFE_INLINE]}
        return response


class IdleSessionMiddleware:
    """Sessions end after SESSION_COOKIE_AGE without activity, without writing
    the session on every request.

    Django's SESSION_SAVE_EVERY_REQUEST would push the expiry back on each page:
    an UPDATE and a COMMIT flushed to disk per request, about 5 ms of a page
    that otherwise only reads. Here a session in use is saved again (its expiry
    and its cookie pushed back) only when its last save is older than
    SESSION_REFRESH_INTERVAL: an idle session ends between SESSION_COOKIE_AGE
    minus that interval and SESSION_COOKIE_AGE after its last request.

    Placed right after SessionMiddleware, so the session is saved by it.
    """

    KEY = "_refreshed_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # A session nobody read (a visitor without one, /healthz/) stays untouched.
        if session is None or not session.accessed or session.is_empty():
            return response
        now = int(time.time())
        last = session.get(self.KEY, 0)
        if session.modified or now - last >= settings.SESSION_REFRESH_INTERVAL:
            session[self.KEY] = now
        return response


class SecondFactorRequiredMiddleware:
    """With PORTAL_REQUIRE_2FA, the superuser and ONMT staff work only in a session
    that passed a second factor.

    Someone who has none yet is sent to set one up (and may do only that, or log
    out); someone who has one but whose session did not use it logs in again.
    Everyone else may set one up from their profile, and is then asked for it at
    each log-in (django-two-factor-auth's log-in does that by itself).
    """

    # What an unverified session may still reach: setting the factor up, leaving.
    ALLOWED = (
        "two_factor:setup",
        "two_factor:qr",
        "two_factor:setup_complete",
        "logout",
        "set_language",
        "healthz",
    )

    def __init__(self, get_response):
        self.get_response = get_response
        self._allowed_paths = None

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            settings.PORTAL_REQUIRE_2FA
            and user is not None
            and user.is_authenticated
            and not user.is_verified()
            and requires_second_factor(user)
            and not self._allowed(request.path)
        ):
            if request.headers.get("HX-Request"):
                # A fragment of a page (the inbox count): nothing, and no side effect.
                return HttpResponse(status=204)
            if default_device(user) is None:
                messages.info(
                    request,
                    _("Your role asks for a second factor: set it up to continue."),
                )
                return redirect("two_factor:setup")
            logout(request)
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return self.get_response(request)

    def _allowed(self, path: str) -> bool:
        if self._allowed_paths is None:
            self._allowed_paths = tuple(reverse(name) for name in self.ALLOWED)
        return path in self._allowed_paths or path.startswith(settings.STATIC_URL)


def requires_second_factor(user) -> bool:
    """The superuser and ONMT staff: the roles that can see and change everything."""
    return user.is_superuser or is_staff(user)
