"""Accounts: the log-in (password, then a second factor when the account has
one), its throttles, and password resets that say nothing about who has an
account.

- Log-in is django-two-factor-auth's wizard with the portal's password form.
  django-axes locks a username from an address after AXES_FAILURE_LIMIT
  failures; on top of that, an address with LOGIN_FAILURES_PER_ADDRESS failures
  across every username within AXES_COOLOFF_TIME (one password sprayed over many
  accounts) is refused until they age out — read from axes' own records.
- A password reset is limited per client address and per address asked
  (django-ratelimit), and its e-mail is written through the outbox, which looks
  the address up only when it sends: the answer takes the same time whether
  the address has an account or not, and every link comes from
  PORTAL_BASE_URL, never from the request's Host.
"""

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.db.models import Sum
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited
from two_factor.forms import AuthenticationTokenForm, BackupTokenForm
from two_factor.views import LoginView

from core.client_ip import client_ip

from .forms import PortalAuthenticationForm


def failures_from_address(request: HttpRequest) -> int:
    """Log-in failures from the client's address over every username, within the
    cool-off period (django-axes' records)."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    attempts = AccessAttempt.objects.filter(ip_address=client_ip(request), attempt_time__gte=since)
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class PortalLoginView(LoginView):
    template_name = "registration/login.html"
    form_list = (
        (LoginView.AUTH_STEP, PortalAuthenticationForm),
        (LoginView.TOKEN_STEP, AuthenticationTokenForm),
        (LoginView.BACKUP_STEP, BackupTokenForm),
    )

    def post(self, *args, **kwargs):
        if (
            self.steps.current == self.AUTH_STEP
            and failures_from_address(self.request) >= settings.LOGIN_FAILURES_PER_ADDRESS
        ):
            context = {"minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)}
            return TemplateResponse(
                self.request, "registration/too_many_attempts.html", context, status=429
            )
        return super().post(*args, **kwargs)


def _email_key(group: str, request: HttpRequest) -> str:
    return request.POST.get("email", "").strip().lower()


class PortalPasswordResetForm(PasswordResetForm):
    def save(self, **kwargs) -> None:
        """To the outbox: nothing is looked up or sent here."""
        from .notices import request_password_reset

        request_password_reset(
            email=self.cleaned_data["email"], language=translation.get_language()
        )


class PortalPasswordResetView(auth_views.PasswordResetView):
    form_class = PortalPasswordResetForm

    def form_valid(self, form):
        limited = [
            is_ratelimited(
                self.request,
                group=f"password_reset:{name}",
                key=key,
                rate=rate,
                method="POST",
                increment=True,
            )
            for name, key, rate in (
                ("client", "core.client_ip.ratelimit_key", settings.PASSWORD_RESET_RATE_PER_CLIENT),
                ("email", _email_key, settings.PASSWORD_RESET_RATE_PER_EMAIL),
            )
        ]
        if any(limited):
            form.add_error(
                None,
                _(
                    "Too many password reset requests: wait an hour, then ask again. If you "
                    "did not receive the e-mail, check the address and your spam folder."
                ),
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)
