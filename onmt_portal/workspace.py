"""Screens and fragments across the apps: the inbox (what waits for me), the
search (everything I may see), prepared exports and the pickers' matches. Each
reads through the apps' visible querysets and rules (onmt_portal/inbox.py,
onmt_portal/finder.py, core/permissions.py, core/pickers.py)."""

import re

from django.core.cache import cache
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core import pickers
from core.permissions import downloadable, exports_of
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


@require_GET
def export_download(request, pk):
    """A prepared export, to its owner alone, while they may still export it."""
    export = exports_of(request.user).filter(pk=pk).first()
    if export is None or not downloadable(request.user, export):
        raise Http404
    response = FileResponse(export.file.open("rb"), as_attachment=True, filename=export.filename)
    response["Cache-Control"] = "private, no-store"
    return response


TARGET = re.compile(r"[A-Za-z][\w-]{0,99}")


@require_GET
def pick(request, kind):
    """htmx: the first matches of a searchable picker, as an <optgroup> for its <select>."""
    picker = pickers.kind(kind)
    if picker is None:
        raise Http404
    scope = ()
    if picker.scoped:
        params = request.GET.copy()
        params.pop("term", None)
        scope = (params,)
    require(picker.allowed(request.user, *scope))
    term = " ".join((request.GET.get("term") or "").replace("\x00", "").split())[:100]
    found = list(picker.search(request.user, term, *scope)[: pickers.LIMIT + 1]) if term else []
    target = request.headers.get("HX-Target", "")
    context = {
        "target": target if TARGET.fullmatch(target) else "picker-matches",
        "term": term,
        "matches": [(obj.pk, picker.label(obj)) for obj in found[: pickers.LIMIT]],
        "more": len(found) > pickers.LIMIT,
        "limit": pickers.LIMIT,
    }
    return render(request, "core/picker_matches.html", context)
