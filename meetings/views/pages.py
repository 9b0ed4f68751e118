"""The meetings anyone with the right may read: the list, a meeting, its calendar
file and its minutes as a PDF."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.history import history_answer
from core.pagination import CappedCountPaginator
from partners.permissions import can_view_history, require

from .. import permissions, selectors, services
from ..calendar import meeting_ics
from ..extensions import meeting_panels
from ..forms import MeetingFilterForm, ResponseForm
from ..minutes_pdf import MinutesPdfUnavailable, render_minutes_pdf

PAGE_SIZE = 20


def _visible_meeting(request, pk):
    return permissions.get_visible_meeting(
        request.user, pk, permissions.visible_meetings(request.user).select_related("organizer")
    )


@require_GET
def meeting_list(request):
    require(permissions.can_list_meetings(request.user))
    form = MeetingFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    when = filters.get("when") or selectors.opening_tab(request.user, filters=filters)
    meetings = selectors.meetings_for_list(request.user, filters={**filters, "when": when})
    page = CappedCountPaginator(meetings, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    tab_query = query.copy()
    tab_query.pop("when", None)
    context = {
        "form": form,
        "page": page,
        "when": when,
        "filtered": any(value for name, value in filters.items() if name != "when"),
        "query": query.urlencode(),
        "tab_query": tab_query.urlencode(),
        "can_manage": permissions.can_manage_meetings(request.user),
    }
    template = "meetings/_list_results.html" if request.htmx else "meetings/list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


@require_GET
def meeting_detail(request, pk):
    meeting = _visible_meeting(request, pk)
    own = permissions.own_invitation(request.user, meeting)
    answerable = (
        own is not None
        and own.response != own.Response.SUBSTITUTED  # the substitute answers now
        and services.answers_open(meeting)
    )
    context = {
        "meeting": meeting,
        "can_manage": permissions.can_manage_meetings(request.user),
        "own_invitation": own,
        "shows_record": permissions.can_read_record(request.user, meeting),
        "response_form": (
            ResponseForm(substitutes=services.substitutes_for(own)) if answerable else None
        ),
        "panels": meeting_panels("detail", request, meeting),
        "history_url": (
            reverse("meetings:history", args=[meeting.pk]) if can_view_history(request.user) else ""
        ),
        **selectors.meeting_page(meeting),
    }
    return render(request, "meetings/detail.html", context)


@require_GET
def meeting_history(request, pk):
    meeting = _visible_meeting(request, pk)
    require(can_view_history(request.user))
    return history_answer(request, meeting, back_url=reverse("meetings:detail", args=[pk]))


@require_GET
def meeting_calendar(request, pk):
    meeting = _visible_meeting(request, pk)
    response = HttpResponse(meeting_ics(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    response["Cache-Control"] = "private, no-cache"
    return response


@require_GET
def meeting_minutes_pdf(request, pk):
    """The minutes as a PDF; falls back on the print layout where PDFs cannot be made."""
    meeting = _visible_meeting(request, pk)
    if not permissions.can_read_record(request.user, meeting):
        raise Http404  # an invitee reads a planned meeting's agenda, not its record
    try:
        pdf = render_minutes_pdf({"meeting": meeting, **selectors.meeting_page(meeting)})
    except MinutesPdfUnavailable:
        messages.error(
            request,
            _("The PDF cannot be produced on this server. Use “Print the minutes” instead."),
        )
        return redirect("meetings:detail", pk=meeting.pk)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="minutes-{meeting.pk}.pdf"'
    response["Cache-Control"] = "private, no-cache"
    return response
