"""The minutes of a meeting as a PDF, rendered on this machine by WeasyPrint.

WeasyPrint lays out HTML and CSS with Pango and HarfBuzz, so Arabic is shaped
and set right-to-left like in the browser. It needs the Pango libraries of the
operating system (Debian: libpango-1.0-0, libpangoft2-1.0-0) and a font with
Latin and Arabic glyphs (fonts-dejavu-core); the Dockerfile and `.ci/run`
install them. Where they are missing, `MinutesPdfUnavailable` says so and the
view falls back on the print layout.

The document never fetches anything: every URL it could name (a link in the
minutes, say) is refused by the fetcher, so a PDF cannot be made to reach an
internal address.

Laying out a PDF takes a few hundred milliseconds; the same minutes in the same
language are laid out once and then served from the cache, for a day. The key
is a digest of the document's HTML, so any change a reader could see (a word of
the minutes, an attendance, a renamed organization) makes a new PDF.
"""

import hashlib

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation

TEMPLATE = "meetings/minutes_pdf.html"
CACHE_SECONDS = 24 * 3600


class MinutesPdfUnavailable(Exception):
    """WeasyPrint or the system libraries it needs are not installed here."""


def _refuse_fetch(url, *args, **kwargs):
    raise ValueError(f"The minutes PDF fetches no resource ({url!r}).")


def render_minutes_pdf(context: dict) -> bytes:
    """The PDF bytes of `meetings/minutes_pdf.html` rendered with `context`."""
    try:
        import weasyprint
    except (ImportError, OSError) as error:  # OSError: Pango missing from the system
        raise MinutesPdfUnavailable(str(error)) from error
    context = {**context, "text_direction": "rtl" if translation.get_language_bidi() else "ltr"}
    # The key: the document without its time of making (the HTML carries the language).
    content = render_to_string(TEMPLATE, {**context, "generated_at": None})
    key = "minutes-pdf:" + hashlib.sha256(content.encode()).hexdigest()
    pdf = cache.get(key)
    if pdf is None:
        html = render_to_string(TEMPLATE, {**context, "generated_at": timezone.localtime()})
        document = weasyprint.HTML(string=html, url_fetcher=_refuse_fetch, base_url=None)
        pdf = document.write_pdf()
        cache.set(key, pdf, CACHE_SECONDS)
    return pdf
