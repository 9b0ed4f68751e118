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
"""

from django.template.loader import render_to_string
from django.utils import timezone, translation


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
    html = render_to_string(
        "meetings/minutes_pdf.html",
        {
            **context,
            "generated_at": timezone.localtime(),
            "text_direction": "rtl" if translation.get_language_bidi() else "ltr",
        },
    )
    document = weasyprint.HTML(string=html, url_fetcher=_refuse_fetch, base_url=None)
    return document.write_pdf()
