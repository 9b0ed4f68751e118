"""Milestone reminders: who is told what, and when — exactly once.

Rules, for open milestones (planned or in progress) of active roadmaps:

- **due soon**: REMINDER_OFFSETS_DAYS before the due date (default 14, 7 and 1
  days). A day without a scan is caught up: the reminder of the nearest tier
  still ahead goes out at the next scan.
- **overdue**: the day after the due date, then every week.
- **escalation**: from 7 days late, every week, the roadmap's owner and ONMT
  staff are told too. People can turn ordinary reminders off in their profile;
  escalations go out regardless.
- **unowned**: the scan never writes to a person without a current mandate
  (partners/roles.py). A milestone whose owner holds none — whatever its due
  date — goes to the roadmap's owner and ONMT staff, every week, until someone
  is given it (the hand-over does that).
- Dates are Casablanca dates, whatever the server's clock zone.
- One e-mail per recipient per scan: a digest of all their milestones.

Exactly once, per (milestone, kind, due date, recipient):

1. The scan *claims* by inserting one ReminderLog row per reminder; the unique
   constraint turns a second scan's insert into a no-op. Moving a due date
   changes the key, so the reminders start again; completing a milestone makes
   it drop out of the scan.
2. A digest for one recipient takes that person's unsent rows with a claim
   token (the Celery task id, so a redelivered or retried task resumes its own
   claim; another concurrent digest finds them taken). Rows claimed longer ago
   than REMINDER_CLAIM_LEASE_SECONDS are taken over: a claim whose send failed
   for good is retried by the next scan.
3. It sends one e-mail, then marks those rows sent.

The one window for a second e-mail: the process dies after the SMTP server
accepted the digest and before the UPDATE of step 3 commits. The task is then
redelivered (acks_late) under the same id, reclaims its rows and sends them
again. The window is one UPDATE long; it cannot be closed without a
transactional mail server.
"""

import datetime
import uuid
from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from core.links import absolute_url, portal_url
from core.mail import send_templated_email
from partners.models import Membership, Organization, Person

from ..models import Milestone, ReminderLog, Roadmap

DUE_SOON, OVERDUE, ESCALATION, UNOWNED = "due_soon", "overdue", "escalation", "unowned"


def casablanca_today(now: datetime.datetime | None = None) -> datetime.date:
    return timezone.localtime(now or timezone.now(), ZoneInfo(settings.TIME_ZONE)).date()


def reminder_kinds(*, due_date: datetime.date, today: datetime.date, offsets) -> list[str]:
    """The reminders a milestone due on due_date calls for on today."""
    days_left = (due_date - today).days
    if days_left >= 0:
        tiers = sorted(offset for offset in offsets if offset >= days_left)
        return [f"{DUE_SOON}:{tiers[0]}"] if tiers else []
    late = -days_left
    kinds = [f"{OVERDUE}:{(late - 1) // 7}"]
    if late >= 7:
        kinds.append(f"{ESCALATION}:{(late - 7) // 7}")
    return kinds


class Planned(NamedTuple):  # a tuple: thousands are made per scan
    milestone_id: int
    kind: str
    due_date: datetime.date
    recipient_id: int


def unowned_kind(today: datetime.date) -> str:
    """Once a week (ISO week) while a milestone's owner holds no current mandate."""
    year, week, _day = today.isocalendar()
    return f"{UNOWNED}:{year}-W{week:02d}"


def _has_address(email: str, account_email: str | None) -> bool:
    return bool(email or account_email)


def plan(today: datetime.date) -> list[Planned]:
    """Every reminder due on this date. A fixed number of queries, whatever the volume.

    Reads plain rows (no model instances): the scan goes over every open
    milestone of every active roadmap, and stays within a small factor of the
    raw SQL selecting the same rows (`make bench` measures it).
    """
    offsets = settings.REMINDER_OFFSETS_DAYS
    horizon = today + datetime.timedelta(days=max(offsets))
    mandates = Membership.objects.current(on=today).filter(
        person__is_active=True, organization__is_active=True
    )
    mandated, staff_ids = set(), set()
    for person_id, kind, email, account_email in mandates.values_list(
        "person_id", "organization__kind", "person__email", "person__user__email"
    ):
        mandated.add(person_id)
        if kind == Organization.Kind.OFFICE and _has_address(email, account_email):
            staff_ids.add(person_id)
    rows = (
        Milestone.objects.open()
        .filter(roadmap__status=Roadmap.Status.ACTIVE)
        # Owners without a current mandate are few: their milestones are taken
        # whatever the due date.
        .filter(
            Q(due_date__lte=horizon)
            | Q(owner__in=Person.objects.exclude(pk__in=mandates.values("person_id")))
        )
        .order_by("pk")
        .values_list(
            "pk",
            "due_date",
            "owner_id",
            "owner__email",
            "owner__user__email",
            "owner__receives_reminders",
            "roadmap__owner_id",
            "roadmap__owner__email",
            "roadmap__owner__user__email",
        )
    )
    unowned = unowned_kind(today)
    kinds_on = {}  # due date -> kinds: many milestones share a due date
    planned = []
    for (
        milestone_id,
        due_date,
        owner_id,
        owner_email,
        owner_account_email,
        owner_wants_reminders,
        lead_id,
        lead_email,
        lead_account_email,
    ) in rows:  # fetched at once: a server-side cursor's round trips cost more than the rows
        if owner_id not in mandated:
            # Nobody holds it any more: the roadmap's owner and ONMT staff are
            # told every week until someone is given it.
            kinds = [(unowned, True)]
        else:
            kinds = kinds_on.get(due_date)
            if kinds is None:
                kinds = kinds_on[due_date] = [
                    (kind, kind.startswith(ESCALATION))
                    for kind in reminder_kinds(due_date=due_date, today=today, offsets=offsets)
                ]
        for kind, escalation in kinds:
            if escalation:
                recipients = staff_ids
                if lead_id in mandated and _has_address(lead_email, lead_account_email):
                    recipients = recipients | {lead_id}
                recipients = sorted(recipients - {owner_id})
            elif owner_wants_reminders and _has_address(owner_email, owner_account_email):
                recipients = (owner_id,)
            else:
                continue
            for person_id in recipients:
                planned.append(Planned(milestone_id, kind, due_date, person_id))
    return planned


@dataclass
class ScanResult:
    planned: int
    claimed: int
    recipients: list[int]


def scan(today: datetime.date, *, dispatch) -> ScanResult:
    """Claim today's reminders, then hand each recipient with unsent ones to dispatch().

    dispatch(recipient_id) queues a Celery task (beat) or sends at once (command).
    If it raises — the broker is down — the scan fails loudly; nothing was sent,
    and the claimed rows are picked up by the next scan.
    """
    planned = plan(today)
    before = ReminderLog.objects.count()
    ReminderLog.objects.bulk_create(
        [
            ReminderLog(
                milestone_id=item.milestone_id,
                kind=item.kind,
                due_date=item.due_date,
                recipient_id=item.recipient_id,
            )
            for item in planned
        ],
        ignore_conflicts=True,
    )
    claimed = ReminderLog.objects.count() - before
    lease = timezone.now() - datetime.timedelta(seconds=settings.REMINDER_CLAIM_LEASE_SECONDS)
    recipients = sorted(
        set(
            ReminderLog.objects.filter(sent_at__isnull=True, skipped=False)
            .filter(Q(claim_token="") | Q(claimed_at__lt=lease))
            .values_list("recipient_id", flat=True)
        )
    )
    for recipient_id in recipients:
        dispatch(recipient_id)
    return ScanResult(planned=len(planned), claimed=claimed, recipients=recipients)


def _still_due(log: ReminderLog) -> bool:
    milestone = log.milestone
    still = (
        milestone.is_open
        and milestone.due_date == log.due_date
        and milestone.roadmap.status == Roadmap.Status.ACTIVE
    )
    if log.kind.startswith(UNOWNED):
        # Given to someone since: nothing to reassign any more.
        still = still and not (
            Membership.objects.current()
            .filter(person=milestone.owner, person__is_active=True, organization__is_active=True)
            .exists()
        )
    return still


def deliver_digest(recipient_id: int, *, token: str | None = None) -> int:
    """Claim, send and mark one recipient's unsent reminders. Returns how many were sent."""
    token = token or uuid.uuid4().hex
    now = timezone.now()
    lease = now - datetime.timedelta(seconds=settings.REMINDER_CLAIM_LEASE_SECONDS)
    with transaction.atomic():
        ReminderLog.objects.filter(
            recipient_id=recipient_id, sent_at__isnull=True, skipped=False
        ).filter(Q(claim_token="") | Q(claim_token=token) | Q(claimed_at__lt=lease)).update(
            claim_token=token, claimed_at=now, attempts=F("attempts") + 1
        )
    logs = list(
        ReminderLog.objects.filter(
            recipient_id=recipient_id, claim_token=token, sent_at__isnull=True, skipped=False
        ).select_related("milestone__roadmap__market", "milestone__owner", "recipient__user")
    )
    stale = [log.pk for log in logs if not _still_due(log)]
    if stale:
        ReminderLog.objects.filter(pk__in=stale, claim_token=token).update(
            skipped=True, sent_at=now
        )
    logs = [log for log in logs if log.pk not in stale]
    if not logs:
        return 0
    recipient = logs[0].recipient
    try:
        _send(recipient, logs)
    except Exception as exc:
        ReminderLog.objects.filter(pk__in=[log.pk for log in logs]).update(
            last_error=f"{type(exc).__name__}: {exc}"[:500]
        )
        raise
    ReminderLog.objects.filter(pk__in=[log.pk for log in logs], claim_token=token).update(
        sent_at=timezone.now(), last_error=""
    )
    return len(logs)


def _send(recipient: Person, logs: list[ReminderLog]) -> None:
    sections = defaultdict(list)
    for log in sorted(logs, key=lambda log: (log.milestone.due_date, log.milestone.pk)):
        sections[log.kind.split(":")[0]].append(
            {
                "milestone": log.milestone,
                "url": absolute_url(log.milestone.get_absolute_url()),
            }
        )
    send_templated_email(
        template="reminder",
        context={
            "person": recipient,
            "due_soon": sections[DUE_SOON],
            "overdue": sections[OVERDUE],
            "escalations": sections[ESCALATION],
            "unowned": sections[UNOWNED],
            "today": casablanca_today(),
            "profile_url": portal_url("profile"),
        },
        to=recipient.contact_email,
        language=recipient.language,
    )
