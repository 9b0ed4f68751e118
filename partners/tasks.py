"""E-mails of the directory: invitations to the portal."""

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .mail import send_templated_email


@shared_task(name="partners.send_invitation", time_limit=60, soft_time_limit=45)
def send_invitation(user_id: int) -> bool:
    """A one-time link to choose a password (Django's reset tokens: it works once,
    and expires after PASSWORD_RESET_TIMEOUT, three days)."""
    user = (
        get_user_model().objects.filter(pk=user_id, is_active=True).select_related("person").first()
    )
    if user is None or user.has_usable_password():
        return False  # gone, or the password is already chosen: the link would not work
    person = getattr(user, "person", None)
    language = person.language if person else settings.LANGUAGE_CODE
    link = settings.PORTAL_BASE_URL.rstrip("/") + reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    send_templated_email(
        template="invitation",
        context={"user": user, "link": link, "days": settings.PASSWORD_RESET_TIMEOUT // 86400},
        to=user.email,
        language=language,
    )
    return True
