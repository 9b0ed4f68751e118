"""Answering an invitation: from the signed link of the e-mail (no log-in), or
from the meeting's page (POST /meetings/<pk>/rsvp/)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.locking import show_write_error

from .. import permissions, services
from ..forms import ResponseForm
from ..rsvp_links import LinkRefused, participant_for


def _answer(request, participant, form, *, by) -> bool:
    """Apply a valid form; False (with the form's errors) when refused."""
    try:
        services.participant_respond(
            participant=participant,
            response=form.cleaned_data["response"],
            substitute=form.cleaned_data.get("substitute"),
            by=by,
        )
    except ValidationError as exc:
        show_write_error(request, form, exc)
        return False
    return True


@login_not_required
@require_http_methods(["GET", "POST"])
def rsvp_link(request, pk, participant_pk, token):
    """The one-click page of the invitation e-mail: the meeting's date, place and
    agenda, and the answer. The link names the participant; nothing else does."""
    try:
        participant = participant_for(pk, participant_pk, token)
    except LinkRefused as refused:
        return render(request, "meetings/rsvp_refused.html", {"reason": refused.message},
                      status=refused.status)  # fmt: skip
    if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
        translation.activate(participant.person.language)
        request.LANGUAGE_CODE = participant.person.language
    form = ResponseForm(request.POST or None, substitutes=services.substitutes_for(participant))
    by = request.user if request.user.is_authenticated else None
    if request.method == "POST" and form.is_valid() and _answer(request, participant, form, by=by):
        messages.success(request, _("Thank you: your answer is recorded."))
        return redirect(request.path)
    participant.refresh_from_db()
    settled = participant.response == participant.Response.SUBSTITUTED
    context = {
        "participant": participant,
        "meeting": participant.meeting,
        "agenda_items": participant.meeting.agenda_items.all(),
        "form": None if settled else form,  # the substitute answers now
    }
    return render(request, "meetings/rsvp.html", context)


@require_POST
def meeting_rsvp(request, pk):
    """The logged-in invitee answers from the meeting's page."""
    meeting = permissions.get_visible_meeting(request.user, pk)
    participant = permissions.own_invitation(request.user, meeting)
    if participant is None:
        raise Http404
    form = ResponseForm(request.POST, substitutes=services.substitutes_for(participant))
    if form.is_valid() and _answer(request, participant, form, by=request.user):
        messages.success(request, _("Thank you: your answer is recorded."))
    else:
        errors = [e for field_errors in form.errors.values() for e in field_errors]
        messages.error(request, " ".join(errors) or _("Your answer was not recorded."))
    return redirect("meetings:detail", meeting.pk)
