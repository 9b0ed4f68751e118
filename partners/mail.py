"""Every e-mail the portal sends: text and HTML from templates, in the recipient's
language. Kept in the leftmost app so that all apps can use it."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def send_templated_email(
    *, template: str, context: dict, to: str, language: str, attachments=()
) -> None:
    """Render emails/<template>_subject.txt, <template>.txt and <template>.html in
    `language`, and send them to one address. attachments: (name, content, mimetype)."""
    with translation.override(language):
        subject = render_to_string(f"emails/{template}_subject.txt", context).strip()
        text = render_to_string(f"emails/{template}.txt", context)
        html = render_to_string(f"emails/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={"Content-Language": language},
    )
    message.attach_alternative(html, "text/html")
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    message.send()
