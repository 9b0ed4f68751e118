"""E-mails of the directory: invitations to the portal."""

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


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
    with translation.override(language):
        context = {"user": user, "link": link, "days": settings.PASSWORD_RESET_TIMEOUT // 86400}
        subject = render_to_string("emails/invitation_subject.txt", context).strip()
        text = render_to_string("emails/invitation.txt", context)
        html = render_to_string("emails/invitation.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers={"Content-Language": language},
    )
    message.attach_alternative(html, "text/html")
    message.send()
    return True
