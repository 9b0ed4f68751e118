"""Logging in through the portal's log-in (a django-two-factor-auth wizard)."""

from django.urls import reverse

WIZARD = "portal_login_view"


def login_data(username: str, password: str) -> dict:
    """The log-in form's first step, as the browser posts it."""
    return {
        f"{WIZARD}-current_step": "auth",
        "auth-username": username,
        "auth-password": password,
    }


def token_data(token: str, *, step: str = "token") -> dict:
    """The second step: a code from the phone ("token") or a backup code ("backup")."""
    return {f"{WIZARD}-current_step": step, f"{step}-otp_token": token}


def log_in(client, username: str, password: str, **extra):
    return client.post(reverse("login"), login_data(username, password), **extra)
