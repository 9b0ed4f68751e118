"""What waits for *me*, whatever my role: one list, oldest first, each item with
its link and age — in a fixed number of queries (one per kind, whatever the
data), every kind read through its app's visible querysets.

- recommendations to review: submitted or under review (ONMT staff: all;
  delegates: those aimed at their markets);
- questions to answer: my organizations' recommendations ONMT needs
  information about (council members);
- invitations to answer: my seats at planned meetings still to come, unanswered;
- my milestones due within 14 days, or late (active roadmaps);
- outcomes of my meetings with no action yet: expectations, commitments and
  decisions of the meetings I created, held or published, that no milestone
  answers and nobody closed (ONMT staff);
- hand-overs to finish: people without a current mandate who still own open
  milestones of active roadmaps (ONMT staff);
- my exports that a worker prepares or has prepared (core/prepared_exports.py),
  kept for a week.
"""

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Count, Exists, Max, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.choices import labels
from core.links import pk_reverser
from core.models import PreparedExport
from core.numbers import count_text
from core.permissions import exports_of
from meetings.models import Meeting, Outcome, Participant
from partners.models import Membership, Person
from partners.roles import council_organization_ids, is_delegate, is_staff
from roadmaps.models import Milestone, Recommendation, Roadmap
from roadmaps.permissions import recommendations_visible_to

LIMIT = 50  # per kind; the lists behind each link have the rest
DUE_WITHIN_DAYS = 14

KINDS = {
    "review": _("Recommendations to review"),
    "question": _("Questions to answer"),
    "invitation": _("Invitations to answer"),
    "milestone": _("My milestones due soon or late"),
    "outcome": _("Outcomes with no action yet"),
    "hand_over": _("Hand-overs to finish"),
    "export": _("Exports to download"),
}


@dataclass
class Item:
    kind: str
    title: str
    url: str
    since: datetime.datetime | datetime.date
    detail: str = ""
    kind_label: str = ""  # KINDS[kind], translated once for all items (inbox_items)

    @cached_property
    def age_days(self) -> int:
        since = self.since
        if isinstance(since, datetime.datetime):
            since = timezone.localtime(since).date()
        return (timezone.localdate() - since).days

    @property
    def sort_key(self):
        since = self.since
        if not isinstance(since, datetime.datetime):
            since = datetime.datetime.combine(since, datetime.time(), tzinfo=datetime.UTC)
        return since


def _reviews(user) -> list[Item]:
    if not (is_staff(user) or is_delegate(user)):
        return []
    waiting = (
        recommendations_visible_to(user)
        .filter(status__in=[Recommendation.Status.SUBMITTED, Recommendation.Status.UNDER_REVIEW])
        .select_related("organization")
        # What the item shows, not the texts (50 bodies read for nothing).
        .only("title", "status", "submitted_at", "created_at", "organization__short_name")
        .order_by("submitted_at", "pk")[:LIMIT]
    )
    url = pk_reverser("roadmaps:recommendation_detail")
    statuses = labels(Recommendation)
    return [
        Item(
            "review",
            r.title,
            url(r.pk),
            r.submitted_at or r.created_at,
            f"{r.organization.short_name} · {statuses[r.status]}",
        )
        for r in waiting
    ]


def _questions(user) -> list[Item]:
    organizations = council_organization_ids(user)
    if not organizations:
        return []
    waiting = (
        Recommendation.objects.filter(
            organization__in=organizations, status=Recommendation.Status.NEEDS_INFORMATION
        )
        .annotate(asked=Max("messages__created_at", filter=Q(messages__from_reviewer=True)))
        .order_by("asked", "pk")[:LIMIT]
    )
    return [
        Item(
            "question",
            r.title,
            reverse("roadmaps:recommendation_detail", args=[r.pk]) + "#conversation",
            r.asked or r.updated_at,
        )
        for r in waiting
    ]


def _invitations(user) -> list[Item]:
    seats = (
        Participant.objects.filter(
            person__user=user,
            response=Participant.Response.PENDING,
            meeting__status=Meeting.Status.PLANNED,
            meeting__starts_at__gt=timezone.now(),
        )
        .select_related("meeting")
        .order_by("meeting__created_at", "pk")[:LIMIT]
    )
    return [
        Item(
            "invitation",
            seat.meeting.title,
            reverse("meetings:detail", args=[seat.meeting_id]),
            seat.meeting.created_at,
            timezone.localtime(seat.meeting.starts_at).strftime("%Y-%m-%d %H:%M"),
        )
        for seat in seats
    ]


def _milestones(user) -> list[Item]:
    today = timezone.localdate()
    mine = (
        Milestone.objects.open()
        .filter(
            owner__user=user,
            roadmap__status=Roadmap.Status.ACTIVE,
            due_date__lte=today + datetime.timedelta(days=DUE_WITHIN_DAYS),
        )
        .select_related("roadmap")
        .order_by("due_date", "pk")[:LIMIT]
    )
    return [
        Item(
            "milestone",
            m.title,
            m.get_absolute_url(),
            m.due_date,
            m.roadmap.title,
        )
        for m in mine
    ]


def _outcomes(user) -> list[Item]:
    if not is_staff(user):
        return []
    answered = Milestone.objects.filter(source_outcome=OuterRef("pk")).exclude(
        status=Milestone.Status.CANCELLED
    )
    waiting = (
        Outcome.objects.filter(
            meeting__created_by=user,
            meeting__status__in=[Meeting.Status.HELD, Meeting.Status.PUBLISHED],
            kind__in=Outcome.ACTIONABLE,
            closed_at__isnull=True,
        )
        .exclude(Exists(answered))
        .select_related("meeting")
        .order_by("meeting__starts_at", "order", "pk")[:LIMIT]
    )
    kinds = labels(Outcome, "kind")
    return [
        Item(
            "outcome",
            o.text[:120],
            reverse("meetings:outcomes", args=[o.meeting_id]) + f"#outcome-{o.pk}",
            o.meeting.starts_at,
            f"{kinds[o.kind]} · {o.meeting.title}",
        )
        for o in waiting
    ]


def _hand_overs(user) -> list[Item]:
    if not is_staff(user):
        return []
    held = (
        Milestone.objects.open()
        .filter(roadmap__status=Roadmap.Status.ACTIVE, owner=OuterRef("pk"))
        .order_by()
        .values("owner")
    )
    mandate = Membership.objects.current().filter(
        person=OuterRef("pk"), organization__is_active=True
    )
    # Subqueries, not joins: the people are the owners of open milestones (few,
    # through the milestones' indexes), whatever the number of people mandated.
    people = (
        Person.objects.filter(Exists(held))
        .filter(Q(is_active=False) | ~Exists(mandate))
        .annotate(
            count=Subquery(held.annotate(total=Count("pk")).values("total")),
            since=Subquery(
                Membership.objects.filter(person=OuterRef("pk"))
                .order_by()
                .values("person")
                .annotate(last=Max("end_date"))
                .values("last")
            ),
        )
        .order_by("since", "pk")[:LIMIT]
    )
    return [
        Item(
            "hand_over",
            person.full_name,
            reverse("partners:person", args=[person.pk]),
            person.since or person.created_at,
            ngettext(
                "%(count)s open milestone to give to someone",
                "%(count)s open milestones to give to someone",
                person.count,
            )
            % {"count": person.count},
        )
        for person in people
    ]


def _exports(user) -> list[Item]:
    ready = PreparedExport.State.READY
    items = []
    for export in exports_of(user)[:LIMIT]:
        if export.state == ready:
            detail = ngettext("%(rows)s row", "%(rows)s rows", export.rows) % {
                "rows": count_text(export.rows)
            }
        elif export.state == PreparedExport.State.FAILED:
            detail = _("It could not be prepared: narrow the filters, or try again later.")
        else:
            detail = _("Being prepared: it will be here in a few minutes.")
        url = reverse("export_download", args=[export.pk]) if export.state == ready else ""
        items.append(Item("export", export.filename, url, export.created_at, str(detail)))
    return items


READERS = (_reviews, _questions, _invitations, _milestones, _outcomes, _hand_overs, _exports)


def inbox_items(user) -> list[Item]:
    """Everything waiting for this user, oldest first."""
    items = [item for read in READERS for item in read(user)]
    kinds = {kind: str(label) for kind, label in KINDS.items()}
    for item in items:
        item.kind_label = kinds[item.kind]
    return sorted(items, key=lambda item: item.sort_key)
