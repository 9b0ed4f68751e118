from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MAX_DOCUMENT_SIZE = 10 * 1024 * 1024


def validate_pdf_document(upload):
    """A PDF by its content (the %PDF- signature), not by its name, and at most 10 MB."""
    if upload.size > MAX_DOCUMENT_SIZE:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            code="too_large",
            params={
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(MAX_DOCUMENT_SIZE),
            },
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    # The PDF specification allows the header anywhere in the first 1024 bytes.
    head = upload.read(1024)
    upload.seek(position)
    if b"%PDF-" not in head:
        raise ValidationError(
            _("This file is not a PDF document (its content says otherwise)."), code="not_pdf"
        )
