from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partners.history import history_entries
from partners.models import Market, Organization, Person
from partners.pagination import CappedCountPaginator
from partners.permissions import can_view_history, require
from partners.selectors import directory_people, mandate_organizations

from . import permissions, rows, selectors, services
from .calendar import meeting_ics
from .extensions import meeting_panels
from .forms import (
    AgendaFormSet,
    AttendanceFormSet,
    MeetingFilterForm,
    MeetingForm,
    MinutesForm,
    OutcomeFormSet,
    ParticipantFormSet,
    PeopleSearchForm,
)
from .minutes_pdf import MinutesPdfUnavailable, render_minutes_pdf
from .models import Meeting

PAGE_SIZE = 20
PARTICIPANT_FIELDS = ["person", "organization"]
AGENDA_FIELDS = ["title", "notes"]
OUTCOME_FIELDS = ["id", "kind", "text", "organization", "market"]


@require_GET
def meeting_list(request):
    require(permissions.can_list_meetings(request.user))
    form = MeetingFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    when = filters.get("when") or "upcoming"
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
    meeting = permissions.get_visible_meeting(
        request.user, pk, permissions.visible_meetings(request.user).select_related("organizer")
    )
    context = {
        "meeting": meeting,
        "can_manage": permissions.can_manage_meetings(request.user),
        "panels": meeting_panels("detail", request, meeting),
        "history": history_entries(meeting) if can_view_history(request.user) else [],
        **selectors.meeting_page(meeting),
    }
    return render(request, "meetings/detail.html", context)


@require_GET
def meeting_calendar(request, pk):
    meeting = permissions.get_visible_meeting(
        request.user, pk, permissions.visible_meetings(request.user).select_related("organizer")
    )
    response = HttpResponse(meeting_ics(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    response["Cache-Control"] = "private, no-cache"
    return response


@require_GET
def meeting_minutes_pdf(request, pk):
    """The minutes as a PDF; falls back on the print layout where PDFs cannot be made."""
    meeting = permissions.get_visible_meeting(
        request.user, pk, permissions.visible_meetings(request.user).select_related("organizer")
    )
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


# --- planning: create and edit ---------------------------------------------------


def _posted_ids(rows_read, field: str) -> set[int]:
    """The ids the rows name in `field`, leaving out anything that is not a number."""
    return {int(row[field][0]) for row in rows_read if row.get(field) and row[field][0].isdecimal()}


def _participant_formset(data=None, initial=None):
    raw = data if data is not None else {}
    source = (
        rows.read_rows(raw, "participants", PARTICIPANT_FIELDS)
        if data is not None
        else [{"person": [str(row["person"])]} for row in (initial or [])]
    )
    person_ids = _posted_ids(source, "person")
    kwargs = {
        "organization_choices": mandate_organizations(person_ids),
        "people": Person.objects.in_bulk(person_ids),
        "organizations": Organization.objects.in_bulk(_posted_ids(source, "organization")),
    }
    if data is not None:
        return ParticipantFormSet(data, prefix="participants", form_kwargs=kwargs)
    return ParticipantFormSet(initial=initial, prefix="participants", form_kwargs=kwargs)


def _unbound_from(data):
    """The posted rows and fields as initial values: shown again, not validated yet."""
    form_initial = {
        name: data.getlist(name) if name == "markets" else data.get(name)
        for name in [*MeetingForm._meta.fields, "version"]
    }
    participants = [
        {"person": row["person"][0], "organization": (row["organization"] or [""])[0]}
        for row in rows.read_rows(data, "participants", PARTICIPANT_FIELDS)
        if row["person"]
    ]
    agenda = [
        {"title": (row["title"] or [""])[0], "notes": (row["notes"] or [""])[0]}
        for row in rows.read_rows(data, "agenda", AGENDA_FIELDS)
    ]
    return form_initial, participants, agenda


def _invite(data, person_id: str) -> None:
    """Add a person picked in the search to the participants, with their current organization."""
    if not person_id.isdecimal():
        return
    person = Person.objects.active().filter(pk=int(person_id)).first()
    if person is None:
        return
    listed = [row["person"][:1] for row in rows.read_rows(data, "participants", PARTICIPANT_FIELDS)]
    if [str(person.pk)] in listed:
        return
    organizations = mandate_organizations([person.pk])[person.pk]
    rows.append_row(
        data,
        "participants",
        PARTICIPANT_FIELDS,
        {
            "person": [str(person.pk)],
            "organization": [str(organizations[0].pk)] if organizations else [],
        },
    )


def _meeting_form_page(request, meeting=None):
    editing = meeting is not None
    context = {"meeting": meeting, "editing": editing}
    if request.method == "POST":
        data = request.POST.copy()
        action = data.get("action", "save")
        if action.startswith("invite:"):
            _invite(data, action.split(":", 1)[1])
            action = "row"
        elif rows.apply_action(
            data, action, {"participants": PARTICIPANT_FIELDS, "agenda": AGENDA_FIELDS}
        ):
            action = "row"
        if action == "row":
            form_initial, participant_initial, agenda_initial = _unbound_from(data)
            form = MeetingForm(initial=form_initial, instance=meeting)
            participants = _participant_formset(initial=participant_initial)
            agenda = AgendaFormSet(initial=agenda_initial, prefix="agenda")
        else:
            form = MeetingForm(data, instance=meeting)
            participants = _participant_formset(data=data)
            agenda = AgendaFormSet(data, prefix="agenda")
            if form.is_valid() and participants.is_valid() and agenda.is_valid():
                arguments = {
                    "fields": form.cleaned_data,
                    "markets": form.cleaned_data["markets"],
                    "participants": [
                        services.ParticipantRow(
                            f.cleaned_data["person"], f.cleaned_data["organization"]
                        )
                        for f in participants.forms
                        if f.cleaned_data.get("person")
                    ],
                    "agenda": [
                        services.AgendaRow(f.cleaned_data["title"], f.cleaned_data["notes"])
                        for f in agenda.forms
                        if f.cleaned_data.get("title")
                    ],
                    "by": request.user,
                }
                try:
                    if editing:
                        saved = services.meeting_update(
                            meeting=Meeting.objects.get(pk=meeting.pk),
                            version=form.cleaned_data["version"] or 0,
                            **arguments,
                        )
                    else:
                        saved = services.meeting_create(**arguments)
                except ValidationError as exc:
                    form.add_error(None, exc)
                    if getattr(exc, "code", None) == "stale":
                        messages.error(request, exc.messages[0])
                else:
                    messages.success(request, _("The meeting is saved."))
                    return redirect("meetings:detail", saved.pk)
    else:
        form = MeetingForm(instance=meeting)
        initial = []
        if editing:
            initial = [
                {"person": p.person_id, "organization": p.organization_id}
                for p in meeting.participants.all()
            ]
        participants = _participant_formset(initial=initial)
        agenda = AgendaFormSet(
            initial=[{"title": i.title, "notes": i.notes} for i in meeting.agenda_items.all()]
            if editing
            else [],
            prefix="agenda",
        )
    context.update({"form": form, "participants": participants, "agenda": agenda})
    return render(request, "meetings/form.html", context)


@require_http_methods(["GET", "POST"])
def meeting_create(request):
    require(permissions.can_manage_meetings(request.user))
    return _meeting_form_page(request)


@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk):
    meeting = permissions.get_manageable_meeting(request.user, pk)
    if meeting.status == Meeting.Status.CANCELLED:
        messages.error(request, _("A cancelled meeting cannot be changed."))
        return redirect("meetings:detail", meeting.pk)
    return _meeting_form_page(request, meeting)


@require_GET
def people_search(request):
    """htmx fragment for the participant picker."""
    require(permissions.can_manage_meetings(request.user))
    form = PeopleSearchForm(request.GET)
    q = form.cleaned_data["people_q"] if form.is_valid() else ""
    people = list(directory_people(q=q)[:10]) if len(q) >= 2 else []
    return render(request, "meetings/_people_results.html", {"people": people, "q": q})


# --- outcomes and lifecycle ---------------------------------------------------------


def _outcome_formset(data=None, initial=None):
    kwargs = {
        "organizations": list(Organization.objects.active().only("pk", "name", "short_name")),
        "markets": list(Market.objects.all()),
    }
    if data is not None:
        return OutcomeFormSet(data, prefix="outcomes", form_kwargs=kwargs)
    return OutcomeFormSet(initial=initial, prefix="outcomes", form_kwargs=kwargs)


@require_http_methods(["GET", "POST"])
def meeting_outcomes(request, pk):
    meeting = permissions.get_manageable_meeting(request.user, pk)
    participants = list(meeting.participants.select_related("person", "organization"))
    if meeting.status == Meeting.Status.CANCELLED:
        messages.error(request, _("A cancelled meeting has no outcomes."))
        return redirect("meetings:detail", meeting.pk)
    if request.method == "POST":
        data = request.POST.copy()
        action = data.get("action", "save")
        if rows.apply_action(data, action, {"outcomes": OUTCOME_FIELDS}):
            minutes = MinutesForm(
                initial={"version": data.get("version"), "minutes": data.get("minutes")}
            )
            attendance = AttendanceFormSet(data, prefix="attendance")
            outcomes = _outcome_formset(
                initial=[
                    {field: (row[field] or [""])[0] for field in OUTCOME_FIELDS}
                    for row in rows.read_rows(data, "outcomes", OUTCOME_FIELDS)
                ]
            )
        else:
            minutes = MinutesForm(data)
            attendance = AttendanceFormSet(data, prefix="attendance")
            outcomes = _outcome_formset(data=data)
            if minutes.is_valid() and attendance.is_valid() and outcomes.is_valid():
                try:
                    services.meeting_log_outcomes(
                        meeting=meeting,
                        version=minutes.cleaned_data["version"],
                        attendance={
                            f.cleaned_data["participant"]: f.cleaned_data["attendance"]
                            for f in attendance.forms
                        },
                        minutes=minutes.cleaned_data["minutes"],
                        outcomes=[
                            services.OutcomeRow(
                                kind=f.cleaned_data["kind"],
                                text=f.cleaned_data["text"],
                                organization=f.cleaned_data["organization"],
                                market=f.cleaned_data["market"],
                                id=f.cleaned_data["id"],
                            )
                            for f in outcomes.forms
                            if f.cleaned_data.get("kind")
                        ],
                        by=request.user,
                    )
                except ValidationError as exc:
                    minutes.add_error(None, exc)
                    messages.error(request, exc.messages[0])
                else:
                    messages.success(request, _("Attendance, minutes and outcomes are saved."))
                    return redirect("meetings:outcomes", meeting.pk)
            else:
                messages.error(request, _("Nothing was saved: correct the rows marked below."))
    else:
        minutes = MinutesForm(initial={"version": meeting.version, "minutes": meeting.minutes})
        attendance = AttendanceFormSet(
            initial=[{"participant": p.pk, "attendance": p.attendance} for p in participants],
            prefix="attendance",
        )
        outcomes = _outcome_formset(
            initial=[
                {
                    "id": o.pk,
                    "kind": o.kind,
                    "text": o.text,
                    "organization": o.organization_id,
                    "market": o.market_id,
                }
                for o in meeting.outcomes.all()
            ]
        )
    by_id = {participant.pk: participant for participant in participants}
    attendance_rows = []
    for form in attendance.forms:
        value = form["participant"].value()
        participant = by_id.get(int(value)) if str(value).isdecimal() else None
        if participant is not None:
            attendance_rows.append((participant, form))
    context = {
        "meeting": meeting,
        "minutes_form": minutes,
        "attendance": attendance,
        "attendance_rows": attendance_rows,
        "outcomes": outcomes,
        "panels": meeting_panels("outcomes", request, meeting),
    }
    return render(request, "meetings/outcomes.html", context)


TRANSITIONS = {
    "held": (services.meeting_mark_held, gettext_lazy("The meeting is marked as held.")),
    "publish": (
        services.meeting_publish,
        gettext_lazy("The minutes are published to the participants."),
    ),
    "cancel": (
        services.meeting_cancel,
        gettext_lazy("The meeting is cancelled; participants are told."),
    ),
}


@require_POST
def meeting_transition(request, pk):
    meeting = permissions.get_manageable_meeting(request.user, pk)
    transition = TRANSITIONS.get(request.POST.get("to", ""))
    if transition is None:
        messages.error(request, _("Unknown action."))
        return redirect("meetings:detail", meeting.pk)
    service, success = transition
    try:
        service(meeting=meeting, by=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, str(success))
    target = "meetings:outcomes" if request.POST.get("next") == "outcomes" else "meetings:detail"
    return redirect(target, meeting.pk)
