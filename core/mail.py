"""Every e-mail the portal sends: text and HTML from templates, in the recipient's
language, to the recipient's contact address (Person.contact_email: the
directory's address, else the account's)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def render_templated_email(
    *, template: str, context: dict, to: str, language: str, attachments=()
) -> EmailMultiAlternatives:
    """Render emails/<template>_subject.txt, <template>.txt and <template>.html in
    `language`, for one address. attachments: (name, content, mimetype)."""
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
    return message


def send_templated_email(**kwargs) -> None:
    """render_templated_email(), sent at once (the reminder digests: their log is
    their outbox). Every other notice goes through core/outbox.py."""
    render_templated_email(**kwargs).send()
