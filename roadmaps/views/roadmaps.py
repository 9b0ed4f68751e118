"""Roadmaps: the list, a roadmap's timeline of milestones, its form and export."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.history import history_answer
from core.locking import show_write_error
from partners.permissions import can_view_history, require

from .. import permissions, selectors, services
from ..forms import RoadmapForm
from ..kept_pages import kept, query_part
from ..models import Roadmap
from .milestones import rows_html


@require_GET
def roadmap_list(request):
    require(permissions.can_list_roadmaps(request.user))
    context = {
        "roadmaps": selectors.roadmaps_for_list(request.user),
        "can_create": permissions.can_create_roadmaps(request.user),
    }
    return render(request, "roadmaps/roadmap_list.html", context)


@require_GET
def roadmap_detail(request, pk):
    roadmap = permissions.get_visible_roadmap(
        request.user,
        pk,
        permissions.roadmaps_visible_to(request.user).select_related("market", "owner"),
    )
    can_edit = permissions.can_edit_roadmap(request.user, roadmap)
    page = request.GET.get("page")
    milestone = _number(request.GET.get("milestone"))

    def content() -> str:
        context = {
            "roadmap": roadmap,
            "can_edit": can_edit,
            "history_url": (
                reverse("roadmaps:roadmap_history", args=[pk])
                if can_view_history(request.user)
                else ""
            ),
            **selectors.roadmap_page(roadmap, request.user, page=page, milestone=milestone),
        }
        rows = rows_html(context["milestones"], can_edit=can_edit)
        context["milestone_rows"] = mark_safe(rows)  # noqa: S308 - Jinja2 autoescaped them
        if context["timeline"].marks:
            # Jinja2, like the rows (onmt_portal/jinja2.py); autoescaped there.
            html = render_to_string(
                "roadmaps/timeline.html", {"timeline": context["timeline"]}, using="jinja2"
            )
            context["timeline_html"] = mark_safe(html)  # noqa: S308
        return render_to_string("roadmaps/_roadmap_content.html", context)

    html = kept(request, "roadmap-page", content, pk, query_part(page), milestone, int(can_edit))
    return render(request, "roadmaps/roadmap_detail.html", {"roadmap": roadmap, "content": html})


@require_GET
def roadmap_history(request, pk):
    roadmap = permissions.get_visible_roadmap(request.user, pk)
    require(can_view_history(request.user))
    back_url = reverse("roadmaps:roadmap_detail", args=[pk])
    return history_answer(request, roadmap, back_url=back_url)


def _number(value: str | None) -> int | None:
    """A milestone's id from its link; anything else is none (the default page)."""
    return int(value) if value and value.isdecimal() else None


def _roadmap_form_page(request, roadmap: Roadmap | None = None):
    markets = permissions.editable_markets(request.user)
    form = RoadmapForm(request.POST or None, instance=roadmap, markets=markets)
    if request.method == "POST" and form.is_valid():
        try:
            if roadmap is None:
                saved = services.roadmap_create(fields=form.cleaned_data)
            else:
                saved = services.roadmap_update(
                    roadmap=Roadmap.objects.get(pk=roadmap.pk),
                    version=form.cleaned_data["version"] or 0,
                    fields=form.cleaned_data,
                )
        except ValidationError as exc:
            show_write_error(request, form, exc)
        else:
            messages.success(request, _("The roadmap is saved."))
            return redirect("roadmaps:roadmap_detail", saved.pk)
    return render(request, "roadmaps/roadmap_form.html", {"form": form, "roadmap": roadmap})


@require_http_methods(["GET", "POST"])
def roadmap_create(request):
    require(permissions.can_create_roadmaps(request.user))
    return _roadmap_form_page(request)


@require_http_methods(["GET", "POST"])
def roadmap_edit(request, pk):
    roadmap = permissions.get_visible_roadmap(request.user, pk)
    require(permissions.can_edit_roadmap(request.user, roadmap))
    return _roadmap_form_page(request, roadmap)
