"""Two screens across the apps: the inbox (what waits for me) and the search
(everything I may see). Each reads through the apps' visible querysets
(onmt_portal/inbox.py, onmt_portal/finder.py)."""

from django.core.cache import cache
from django.shortcuts import render
from django.views.decorators.http import require_GET

from partners.permissions import require
from partners.roles import has_portal_role

from . import finder
from .inbox import KINDS, inbox_items

COUNT_SECONDS = 30  # the navigation bar's count may lag this much behind


def _count_key(user) -> str:
    return f"inbox-count:{user.pk}"


@require_GET
def inbox(request):
    require(has_portal_role(request.user))
    items = inbox_items(request.user)
    cache.set(_count_key(request.user), len(items), COUNT_SECONDS)
    kinds = {item.kind for item in items}
    context = {
        "items": items,
        "kinds": [(kind, label) for kind, label in KINDS.items() if kind in kinds],
    }
    return render(request, "inbox.html", context)


@require_GET
def inbox_count(request):
    """htmx: the navigation bar's count, loaded after the page (never slows it)."""
    require(has_portal_role(request.user))
    count = cache.get(_count_key(request.user))
    if count is None:
        count = len(inbox_items(request.user))
        cache.set(_count_key(request.user), count, COUNT_SECONDS)
    return render(request, "includes/inbox_count.html", {"count": count})


@require_GET
def search(request):
    require(has_portal_role(request.user))
    query = (request.GET.get("q") or "").strip()[: finder.MAX_LENGTH]
    groups = finder.search(request.user, query)
    context = {
        "query": query,
        "groups": groups,
        "too_short": bool(query) and not finder.terms_of(query),
        "total": sum(len(group.hits) for group in groups),
    }
    return render(request, "search.html", context)
