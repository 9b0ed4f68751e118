"""Who may see and do what with meetings. Every meetings view, fragment and feed asks here.

- ONMT staff (and admins): everything — plan, edit, log outcomes, publish.
- Delegates: read every meeting.
- Council members: read only published meetings in which they, or an
  organization where they hold a current mandate, took part. Every other
  meeting does not exist for them (404), in the list as on every URL.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from partners.permissions import current_organization_ids, has_portal_role, require
from partners.roles import Role, roles_of

from .models import Meeting, Participant


def is_staff(user) -> bool:
    return user.is_authenticated and (user.is_superuser or Role.ONMT_STAFF in roles_of(user))


def reads_all_meetings(user) -> bool:
    return is_staff(user) or Role.DELEGATE in roles_of(user)


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
    took_part = Participant.objects.filter(meeting=OuterRef("pk")).filter(
        Q(person__user=user) | Q(organization__in=current_organization_ids(user))
    )
    return meetings.filter(Exists(took_part), status=Meeting.Status.PUBLISHED)


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
