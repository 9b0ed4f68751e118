"""Milestones: added and edited on their roadmap, progress updated in place (htmx),
follow-ups added from a meeting's outcomes screen."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods, require_POST
from markupsafe import Markup

from core.history import history_entries
from core.locking import show_write_error
from meetings import permissions as meeting_permissions
from meetings.models import Outcome
from partners.permissions import can_view_history, require

from .. import panels, permissions, selectors, services
from ..forms import MilestoneForm, ProgressForm
from ..kept_pages import CSRF_MARK, with_csrf
from ..models import Milestone


@require_http_methods(["GET", "POST"])
def milestone_create(request, pk):
    roadmap = permissions.get_visible_roadmap(request.user, pk)
    require(permissions.can_edit_roadmap(request.user, roadmap))
    milestone = Milestone(roadmap=roadmap, owner=roadmap.owner)
    form = MilestoneForm(request.POST or None, instance=milestone, initial={"owner": roadmap.owner})
    if request.method == "POST" and form.is_valid():
        try:
            added = services.milestone_create(roadmap=roadmap, fields=form.cleaned_data)
        except ValidationError as exc:
            show_write_error(request, form, exc)
        else:
            messages.success(request, _("The milestone is added."))
            return redirect(added)
    return render(request, "roadmaps/milestone_form.html", {"form": form, "roadmap": roadmap})


@require_http_methods(["GET", "POST"])
def milestone_edit(request, pk):
    milestone = permissions.get_editable_milestone(request.user, pk)
    form = MilestoneForm(request.POST or None, instance=milestone)
    if request.method == "POST" and form.is_valid():
        try:
            services.milestone_update(
                milestone=Milestone.objects.get(pk=pk),
                version=form.cleaned_data["version"] or 0,
                fields=form.cleaned_data,
            )
        except ValidationError as exc:
            show_write_error(request, form, exc)
        else:
            messages.success(request, _("The milestone is saved."))
            return redirect(milestone)
    context = {
        "form": form,
        "roadmap": milestone.roadmap,
        "milestone": milestone,
        "history": history_entries(milestone) if can_view_history(request.user) else [],
    }
    return render(request, "roadmaps/milestone_form.html", context)


def milestone_rows(request, milestones, *, can_edit: bool, error=None) -> str:
    """A roadmap's milestone rows for this request (rows_html, with its CSRF field)."""
    return with_csrf(request, rows_html(milestones, can_edit=can_edit, error=error))


def rows_html(milestones, *, can_edit: bool, error=None) -> str:
    """A roadmap's milestone rows, written by Jinja2 (onmt_portal/jinja2.py: at
    100 milestones, Django's template language spent most of the page on them)
    without the request, so that the roadmap page can keep them: CSRF_MARK where
    each form's CSRF field goes (kept_pages.with_csrf). Autoescaped there."""
    context = {
        "milestones": milestones,
        "can_edit": can_edit,
        "error": error,
        "csrf": Markup(CSRF_MARK) if can_edit else "",  # noqa: S704 - a constant
    }
    return render_to_string("roadmaps/milestone_rows.html", context, using="jinja2")


@require_POST
def milestone_progress(request, pk):
    """htmx: update a milestone's progress from the roadmap page; answers its row."""
    milestone = permissions.get_editable_milestone(request.user, pk)
    form = ProgressForm(request.POST)
    error = None
    if form.is_valid():
        try:
            milestone = services.milestone_set_progress(
                milestone=milestone, progress=form.cleaned_data["progress"]
            )
        except ValidationError as exc:
            error = exc.messages[0]
    else:
        error = form.errors["progress"][0]
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect(milestone)
    (milestone,) = selectors.milestones_as_seen_by(
        request.user, Milestone.objects.filter(pk=milestone.pk).select_related("roadmap")
    )
    context = {
        "milestone_row": milestone_rows(request, [milestone], can_edit=True, error=error),
        # The roadmap's figures change with it: sent along, swapped out of band.
        **selectors.roadmap_summary(list(milestone.roadmap.milestones.all())),
    }
    return render(request, "roadmaps/_milestone_progress.html", context)


@require_POST
def milestone_followup_create(request, meeting_pk):
    """A follow-up milestone added from a meeting's outcomes screen. With htmx
    (the screen's own form) only the follow-up panel is answered: the minutes
    typed above and not yet saved stay as they are, and a refused form comes
    back with everything typed and each error under its field."""
    meeting = meeting_permissions.get_manageable_meeting(request.user, meeting_pk)
    form = panels.followup_form(request, meeting, request.POST)
    added = False
    if form.is_valid():
        roadmap = form.cleaned_data["roadmap"]
        require(permissions.can_edit_roadmap(request.user, roadmap))
        try:
            services.milestone_create(
                roadmap=roadmap,
                fields={
                    "title": form.cleaned_data["title"],
                    "due_date": form.cleaned_data["due_date"],
                    "owner": form.cleaned_data["owner"] or roadmap.owner,
                },
                source_meeting=meeting,
                source_outcome=form.cleaned_data["outcome"],
            )
        except ValidationError as exc:
            show_write_error(request, form, exc)
        else:
            added = True
    done = _("The follow-up milestone is added to the roadmap.")
    if request.htmx:
        panel = panels.meeting_followup_form(
            request, meeting, form=None if added else form, notice=done if added else ""
        )
        return HttpResponse(panel)
    if added:
        messages.success(request, done)
    else:
        messages.error(
            request,
            _("The follow-up milestone was not added: %(errors)s")
            % {"errors": _named_errors(form)},
        )
    return redirect("meetings:outcomes", meeting.pk)


def _named_errors(form) -> str:
    """« Due date: This field is required. » — each error with its field's label."""
    colon = pgettext("after a label", ":")
    return " ".join(
        f"{form.fields[name].label}{colon} {error}" if name in form.fields else str(error)
        for name, errors in form.errors.items()
        for error in errors
    )


@require_POST
def outcome_answer(request, pk):
    """An existing milestone, of a roadmap the user may edit, answers an outcome of
    a meeting they manage (the outcomes screen)."""
    outcome = get_object_or_404(Outcome, pk=pk)
    meeting = meeting_permissions.get_manageable_meeting(request.user, outcome.meeting_id)
    chosen = request.POST.get("milestone", "")
    editable = permissions.open_editable_roadmaps(request.user)
    milestone = (
        Milestone.objects.filter(pk=chosen, roadmap__in=editable).select_related("roadmap").first()
        if chosen.isdigit()
        else None
    )
    if milestone is None:
        messages.error(request, _("Choose a milestone of a roadmap you may edit."))
    else:
        try:
            services.milestone_answer_outcome(milestone=milestone, outcome=outcome, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The milestone now answers this outcome."))
    return redirect(f"{reverse('meetings:outcomes', args=[meeting.pk])}#outcome-{outcome.pk}")
