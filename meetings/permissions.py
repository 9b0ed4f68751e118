"""Who may see and do what with meetings. Every meetings view, fragment and feed asks here.

- ONMT staff (and admins): everything — plan, edit, log outcomes, publish.
- Delegates: read every meeting.
- Council members: read only published meetings in which they, or an
  organization where they hold a current mandate, took part, and the planned
  meetings they are invited to (date, place, agenda; their answer). Every other
  meeting does not exist for them (404), in the list as on every URL.
- Anyone with an invitation's signed link answers it (rsvp_links.py).
"""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from partners.permissions import require
from partners.roles import current_organization_ids, has_portal_role, is_onmt, is_staff

from .models import Meeting, Outcome, Participant


def reads_all_meetings(user) -> bool:
    return is_onmt(user)


def can_list_meetings(user) -> bool:
    return has_portal_role(user)


def can_manage_meetings(user) -> bool:
    return is_staff(user)


def visible_meetings(user) -> QuerySet[Meeting]:
    """The one queryset of meetings a user may see; lists, details and feeds start here."""
    meetings = Meeting.objects.all()
    if reads_all_meetings(user):
        return meetings
    if not has_portal_role(user):
        return meetings.none()
    seats = Participant.objects.filter(meeting=OuterRef("pk"))
    # Two lookups, each read from its own index (a person's seats, an
    # organization's), rather than one over every seat of every meeting.
    invited = Exists(seats.filter(person__user=user))
    represented = Exists(seats.filter(organization__in=current_organization_ids(user)))
    return meetings.filter(
        Q(invited, status__in=[Meeting.Status.PUBLISHED, Meeting.Status.PLANNED])
        | Q(represented, status=Meeting.Status.PUBLISHED)
    )


def can_read_record(user, meeting: Meeting) -> bool:
    """Minutes and outcomes: ONMT always; the others once published."""
    return reads_all_meetings(user) or meeting.status == Meeting.Status.PUBLISHED


def outcomes_visible_to(user) -> QuerySet[Outcome]:
    """Outcomes are read once a meeting's minutes are published (ONMT: always):
    an invitee reading a planned meeting sees its date, place and agenda only."""
    outcomes = Outcome.objects.filter(meeting__in=visible_meetings(user))
    return (
        outcomes
        if reads_all_meetings(user)
        else outcomes.filter(meeting__status=Meeting.Status.PUBLISHED)
    )


def own_invitation(user, meeting: Meeting) -> Participant | None:
    """The user's own seat at a meeting, which they answer for."""
    if not user.is_authenticated:
        return None
    return (
        meeting.participants.filter(person__user=user)
        .select_related("person", "organization", "substitute")
        .first()
    )


def get_visible_meeting(user, pk, queryset=None) -> Meeting:
    """The meeting, or a 404 for anyone who may not see it (no existence leak)."""
    meeting = (queryset if queryset is not None else visible_meetings(user)).filter(pk=pk).first()
    if meeting is None:
        raise Http404
    return meeting


def get_manageable_meeting(user, pk) -> Meeting:
    """For edit and outcome screens: 404 if unseen, 403 if seen but not manageable."""
    meeting = get_visible_meeting(user, pk)
    require(can_manage_meetings(user))
    return meeting
