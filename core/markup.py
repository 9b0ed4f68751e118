"""User-written text to safe HTML: Markdown rendered, then sanitized with nh3.

Everything partners type (minutes, recommendations, answers) is shown through
here: scripts, event handlers and javascript: links never reach a page.
"""

import unicodedata

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "s", "blockquote", "code", "pre",
    "ul", "ol", "li", "h2", "h3", "h4", "h5", "h6", "hr", "a",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}


def render_markdown(text: str) -> SafeString:
    html = markdown.markdown(text or "", extensions=["tables", "sane_lists"], output_format="html")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(clean)  # noqa: S308 - sanitized by nh3 just above


def text_direction(text: str) -> str:
    """ "rtl" or "ltr" from the first strongly directional letter, as HTML's dir="auto".

    For renderers without dir="auto" (WeasyPrint): a French paragraph in an
    Arabic document stays left to right, and the other way round.
    """
    for character in text or "":
        kind = unicodedata.bidirectional(character)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"
