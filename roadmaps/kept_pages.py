"""Pages kept rendered: a market's page, a roadmap's and a recommendation's, per
viewer, language and day, until a record changes.

Each costs a dozen queries and a long template, more than the rest of its
request; people open them again and again between changes. What is kept:

- is rendered without the request: nothing of the session goes in. A form's
  CSRF field is CSRF_MARK there, and the request's own field replaces it when
  the page is served (with_csrf);
- is keyed by the viewer (what they may see follows their mandates), the
  language, the day (what is late; which mandates are current) and whatever
  else the page depends on (its `parts`);
- is stale once any record of CONTENT_APPS is saved, deleted or re-linked: the
  records the pages show, and the mandates that say who sees what. A signal
  bumps PAGE_VERSION (core.versions: at once and after the commit), so a
  change shows at the next view, in every process when the cache is shared
  (production); loaders that write in bulk, without signals, call
  forget_kept_pages.

The cache is an optimisation: when it is down the pages are built each time.
"""

import hashlib
from collections.abc import Callable

from django.template.backends.utils import csrf_input
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from core import versions

from .selectors import figures

PAGE_VERSION = "roadmaps:kept-pages:version"
PAGE_TTL = 600
CONTENT_APPS = frozenset({"partners", "meetings", "roadmaps"})
# Where a form's CSRF field goes in what is kept: Django's {% csrf_token %} given
# CSRF_TOKEN_MARK as the token writes exactly CSRF_MARK (Jinja2 templates are
# given CSRF_MARK itself). Escaped text never holds a raw "<": only the
# portal's own markup can match.
CSRF_TOKEN_MARK = "kept-page-csrf-mark"  # noqa: S105 - a placeholder, not a secret
CSRF_MARK = f'<input type="hidden" name="csrfmiddlewaretoken" value="{CSRF_TOKEN_MARK}">'


def kept(request, name: str, build: Callable[[], str], *parts) -> SafeString:
    """build()'s HTML for this viewer, kept until a change (see above), with the
    request's CSRF field in its forms."""
    user = request.user
    key = ":".join(
        (
            f"roadmaps:{name}",
            *(str(part) for part in parts),
            str(user.pk),
            str(int(user.is_superuser)),
            get_language(),
            timezone.localdate().isoformat(),
        )
    )
    return with_csrf(request, versions.cached(PAGE_VERSION, key, build, PAGE_TTL))


def query_part(value: str | None) -> str:
    """A query-string value as a key part: exact, and of bounded length."""
    return "" if value is None else hashlib.sha256(value.encode()).hexdigest()[:16]


def with_csrf(request, html: str) -> SafeString:
    """The kept HTML with the request's CSRF field in place of each CSRF_MARK
    (masked once for the page: Django masks the token anew at each use)."""
    if CSRF_MARK in html:
        html = html.replace(CSRF_MARK, csrf_input(request))
    return mark_safe(html)  # noqa: S308 - rendered by the portal's autoescaping templates


def invalidate_kept_pages(sender, **kwargs) -> None:
    """Signal receiver (saves, deletions and many-to-many changes of every model):
    a change to a record of CONTENT_APPS makes every kept page stale."""
    if sender._meta.app_label in CONTENT_APPS and kwargs.get("action", "post").startswith("post"):
        versions.bump_now_and_on_commit(PAGE_VERSION)


def forget_kept_pages() -> None:
    """Rows written in bulk send no signal (the volume and demo loaders): the pages
    and recommendation figures kept from before them are stale."""
    for name in (PAGE_VERSION, figures.VERSION_KEY):
        versions.bump_now_and_on_commit(name)
