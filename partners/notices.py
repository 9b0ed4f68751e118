"""Notices of the directory, as the outbox builds them when it sends
(core/outbox.py): invitations to the portal."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage

from core.links import password_link
from core.mail import render_templated_email

INVITATION = "partners.invitation"


def build_invitation(context: dict) -> list[EmailMessage]:
    """A one-time link to choose a password (Django's reset tokens: it works once,
    and expires after PASSWORD_RESET_TIMEOUT, three days)."""
    user = (
        get_user_model()
        .objects.filter(pk=context["user"], is_active=True)
        .select_related("person")
        .first()
    )
    if user is None or user.has_usable_password():
        return []  # gone, or the password is already chosen: the link would not work
    person = getattr(user, "person", None)
    return [
        render_templated_email(
            template="invitation",
            context={
                "user": user,
                "link": password_link(user),
                "days": settings.PASSWORD_RESET_TIMEOUT // 86400,
            },
            to=person.contact_email if person else user.email,
            language=person.language if person else settings.LANGUAGE_CODE,
        )
    ]
