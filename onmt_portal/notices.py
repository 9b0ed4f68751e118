"""Notices of accounts, as the outbox builds them when it sends (core/outbox.py):
password resets."""

import uuid

from django.contrib.auth.forms import PasswordResetForm
from django.core.mail import EmailMessage

from core import outbox
from core.links import password_link
from core.mail import render_templated_email

PASSWORD_RESET = "portal.password_reset"  # noqa: S105 - an outbox kind, not a secret


def request_password_reset(*, email: str, language: str) -> None:
    """Write the request to the outbox, whoever the address belongs to — nobody's
    account is looked up here, so the answer takes the same time either way."""
    outbox.enqueue(
        kind=PASSWORD_RESET,
        context={"email": email, "language": language},
        key=f"password-reset:{uuid.uuid4().hex}",
        recipient=email,
        language=language,
    )


def build_password_reset(context: dict) -> list[EmailMessage]:
    """The password-reset e-mail of each active account with this address (none,
    most often). Links from PORTAL_BASE_URL."""
    email = context["email"]
    messages = []
    for user in PasswordResetForm().get_users(email):
        person = getattr(user, "person", None)
        messages.append(
            render_templated_email(
                template="password_reset",
                context={"user": user, "link": password_link(user)},
                to=email,
                language=person.language if person else context["language"],
            )
        )
    return messages
