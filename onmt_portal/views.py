"""Views that belong to the portal as a whole: the dashboard, health, log-out."""

import logging

import redis
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from two_factor.utils import default_device

from core.links import portal_url
from partners.forms import PreferencesForm
from partners.models import Person
from partners.roles import has_portal_role, roles_of
from partners.services import (
    person_renew_calendar_token,
    person_revoke_calendar_token,
    person_set_preferences,
)

from .dashboard import dashboard_context

logger = logging.getLogger(__name__)
FRESH_FEED_KEY = "fresh_calendar_feed_url"


@require_http_methods(["GET", "POST"])
def profile(request):
    """Everyone's own page: who the portal thinks they are, and their preferences."""
    person = Person.objects.filter(user=request.user).first()
    form = None
    if person is not None:
        form = PreferencesForm(
            request.POST or None,
            initial={"language": person.language, "receives_reminders": person.receives_reminders},
        )
        if request.method == "POST" and form.is_valid():
            person_set_preferences(person=person, **form.cleaned_data)
            messages.success(request, _("Your preferences are saved."))
            return redirect("profile")
    context = {
        "person": person,
        "form": form,
        "roles": roles_of(request.user),
        "fresh_feed_url": request.session.pop(FRESH_FEED_KEY, None),
        "second_factor": default_device(request.user),
    }
    response = render(request, "profile.html", context)
    response["Cache-Control"] = "private, no-store"  # it may carry the feed's address
    return response


@require_POST
def profile_calendar(request):
    """Turn the private calendar feed on (a new address each time) or off."""
    person = get_object_or_404(Person, user=request.user)
    if request.POST.get("action") == "revoke":
        person_revoke_calendar_token(person=person)
        messages.success(request, _("Your calendar feed is turned off."))
    else:
        token = person_renew_calendar_token(person=person)
        # Shown once, on the next page: the portal keeps only a digest of it.
        request.session[FRESH_FEED_KEY] = portal_url("calendar_feed", token=token)
        messages.success(
            request, _("Your calendar feed has a new address; the previous one no longer works.")
        )
    return redirect("profile")


def home(request):
    """The dashboard. Someone without a current mandate sees the 403 page, which
    says why and whom to ask; their profile stays open to them."""
    if not has_portal_role(request.user):
        raise PermissionDenied
    context = {"roles": roles_of(request.user), **dashboard_context(request.user)}
    return render(request, "dashboard.html", context)


def _database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("healthz: database check failed")
        return "error"
    return "ok"


def _broker_state() -> str:
    if not settings.CELERY_BROKER_CONFIGURED:
        # The embedded filesystem broker has no service to be down.
        return "not configured"
    try:
        # The production broker is Redis (DESIGN.md); a ping is the cheapest proof.
        client = redis.Redis.from_url(
            settings.CELERY_BROKER_URL, socket_connect_timeout=2, socket_timeout=2
        )
        try:
            client.ping()
        finally:
            client.close()
    except (redis.RedisError, OSError, ValueError):
        logger.exception("healthz: broker check failed")
        return "error"
    return "ok"


def _cache_state() -> str:
    """The shared cache (Redis in production) is an optimisation: when it is down
    the portal still serves, slower — "degraded", not failing."""
    if not settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        return "not configured"  # per process: nothing to be down
    try:
        cache.set("healthz", "ok", 10)
        if cache.get("healthz") != "ok":
            raise RuntimeError("the cache gave back something else")
    except Exception:
        logger.warning("healthz: cache check failed", exc_info=True)
        return "degraded"
    return "ok"


@login_not_required
@require_GET
@never_cache
def healthz(request):
    """For load balancers and orchestrators: 200 when the portal can serve, else 503.

    A cache that is down does not stop the portal: it is reported as degraded
    (with a 200). Public, so it names the failing part but never says why (that
    goes to the log).
    """
    parts = {"database": _database_state(), "broker": _broker_state(), "cache": _cache_state()}
    failing = [name for name, state in parts.items() if state == "error"]
    degraded = [name for name, state in parts.items() if state == "degraded"]
    body = {"status": "error" if failing else "degraded" if degraded else "ok", **parts}
    if failing:
        body["failing"] = failing
    if degraded:
        body["degraded"] = degraded
    return JsonResponse(body, status=503 if failing else 200)


class LogoutView(auth_views.LogoutView):
    """Django's log-out (POST only), telling the user it worked."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.success(request, _("You have been logged out."))
        return response
