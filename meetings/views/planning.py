"""Planning a meeting: create and edit it, participants found by search, agenda rows."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.locking import show_write_error
from partners.permissions import can_search_by_email, require
from partners.selectors import directory_people

from .. import permissions, services
from ..forms import PeopleSearchForm
from ..models import Meeting
from ..row_forms import PlanningForms
from . import changeable_meeting


def _meeting_form_page(request, meeting: Meeting | None = None):
    if request.method != "POST":
        forms = PlanningForms.for_meeting(meeting)
    else:
        forms, row_action = PlanningForms.from_post(request.POST, meeting)
        if not row_action and forms.is_valid():
            try:
                if meeting is None:
                    saved = services.meeting_create(**forms.service_arguments(), by=request.user)
                else:
                    saved = services.meeting_update(
                        meeting=Meeting.objects.get(pk=meeting.pk),
                        version=forms.form.cleaned_data["version"],
                        **forms.service_arguments(),
                        by=request.user,
                    )
            except ValidationError as exc:
                show_write_error(request, forms.form, exc)
            else:
                messages.success(request, _("The meeting is saved."))
                return redirect("meetings:detail", saved.pk)
    context = {"meeting": meeting, "editing": meeting is not None, **forms.context()}
    return render(request, "meetings/form.html", context)


@require_http_methods(["GET", "POST"])
def meeting_create(request):
    require(permissions.can_manage_meetings(request.user))
    return _meeting_form_page(request)


@require_http_methods(["GET", "POST"])
@changeable_meeting
def meeting_edit(request, meeting):
    return _meeting_form_page(request, meeting)


@require_GET
def people_search(request):
    """htmx fragment for the participant picker."""
    require(permissions.can_manage_meetings(request.user))
    form = PeopleSearchForm(request.GET)
    q = form.cleaned_data["people_q"] if form.is_valid() else ""
    by_email = can_search_by_email(request.user)
    people = list(directory_people(q=q, by_email=by_email)[:10]) if len(q) >= 2 else []
    return render(request, "meetings/_people_results.html", {"people": people, "q": q})
