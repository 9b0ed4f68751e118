"""The outbox: every notification the portal sends, and the guarantee that none is lost.

How a message travels:

1. A service writes an OutboxMessage row with enqueue(), in the same transaction
   as the change it reports: both commit, or neither. The row names a kind (a
   builder registered by the app that owns it), the ids it is about, and an
   idempotency key — writing the same key twice is a no-op.
2. After the commit a Celery task is queued to send it at once. If the broker
   is unreachable, nothing is raised: the user sees their change saved, and the
   message waits in its row.
3. The dispatcher (`manage.py send_outbox`, and the beat task every minute,
   make run's embedded worker included) sends whatever is due: rows nobody
   claimed, and rows whose claim is older than OUTBOX_LEASE_SECONDS (a worker
   that died mid-send, a queue lost with a Redis restart).
4. Sending claims the row with one conditional UPDATE (state and lease, as the
   reminders do), builds the message from the records as they are now (a
   notice that no longer applies is skipped), sends it, and marks it sent. A
   failure sets it back with a growing delay; after OUTBOX_MAX_ATTEMPTS it is
   dead, shown in the admin with a resend action.

Exactly once, per message, except in one window: the process dies after the mail
server accepted the message and before the row is marked sent. The message is
then sent again when its lease expires; the window is one UPDATE long and cannot
be closed without a transactional mail server.
"""

import datetime
import logging
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import OutboxMessage

logger = logging.getLogger(__name__)
State = OutboxMessage.State

# kind -> builder(context) -> the messages to send now (none: it no longer applies)
_builders: dict[str, Callable[[dict], list[EmailMessage]]] = {}


def register(kind: str, builder: Callable[[dict], list[EmailMessage]]) -> None:
    _builders[kind] = builder


def enqueue(
    *, kind: str, context: dict, key: str, recipient: str = "", language: str = ""
) -> OutboxMessage | None:
    """Write the message in the caller's transaction; send it after the commit.
    Returns None when a message with this key exists already."""
    if kind not in _builders:
        raise LookupError(f"no outbox builder registered for {kind!r}")
    message, created = OutboxMessage.objects.get_or_create(
        key=key[:200],
        defaults={
            "kind": kind,
            "context": context,
            "recipient": recipient[:254],
            "language": language,
        },
    )
    if not created:
        return None
    transaction.on_commit(lambda: queue(message.pk))
    return message


def queue(message_id: int) -> bool:
    """Hand a message to a worker. A broker that is down loses nothing: the
    dispatcher sends the row later."""
    from .tasks import deliver_outbox_message

    try:
        deliver_outbox_message.delay(message_id)
    except Exception:  # kombu/redis raise many kinds; the row is the guarantee
        logger.warning("outbox: message %s waits for the dispatcher (broker unreachable)",
                       message_id, exc_info=True)  # fmt: skip
        return False
    return True


def _lease_start(now: datetime.datetime) -> datetime.datetime:
    return now - datetime.timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)


def _due(now: datetime.datetime) -> Q:
    return Q(state=State.PENDING, next_attempt_at__lte=now) | Q(
        state=State.SENDING, claimed_at__lt=_lease_start(now)
    )


def claim(message_id: int, token: str) -> bool:
    """Take the message for this sender: one conditional UPDATE, no race. The same
    token takes back its own claim (a redelivered task resumes its work)."""
    now = timezone.now()
    return bool(
        OutboxMessage.objects.filter(pk=message_id)
        .filter(_due(now) | Q(state=State.SENDING, claim_token=token))
        .update(state=State.SENDING, claim_token=token, claimed_at=now)
    )


def _retry_delay(attempts: int) -> datetime.timedelta:
    return datetime.timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 3600))


def deliver(message_id: int, *, token: str | None = None) -> str:
    """Claim, build, send and mark one message. Returns its state afterwards, or
    "taken" when another sender has it."""
    token = token or uuid.uuid4().hex
    if not claim(message_id, token):
        return "taken"
    message = OutboxMessage.objects.get(pk=message_id)
    mine = OutboxMessage.objects.filter(pk=message_id, claim_token=token)
    try:
        emails = _builders[message.kind](message.context)
        if emails:
            get_connection().send_messages(emails)
    except Exception as exc:
        attempts = message.attempts + 1
        dead = attempts >= settings.OUTBOX_MAX_ATTEMPTS
        mine.update(
            state=State.DEAD if dead else State.PENDING,
            attempts=attempts,
            next_attempt_at=timezone.now() + _retry_delay(attempts),
            last_error=f"{type(exc).__name__}: {exc}"[:2000],
            claim_token="",
        )
        logger.warning("outbox: message %s failed (attempt %s)", message_id, attempts)
        return State.DEAD if dead else State.PENDING
    state = State.SENT if emails else State.SKIPPED
    mine.update(state=state, sent_at=timezone.now(), last_error="", attempts=message.attempts + 1)
    return state


def due_ids(limit: int | None = None) -> list[int]:
    """The messages the dispatcher should send now, oldest first."""
    due = OutboxMessage.objects.filter(_due(timezone.now())).order_by("next_attempt_at", "pk")
    return list(due.values_list("pk", flat=True)[: limit or settings.OUTBOX_BATCH])


def dispatch(limit: int | None = None) -> dict[str, int]:
    """Send what is due (the dispatcher). Returns how many ended in each state."""
    counts: dict[str, int] = {}
    for message_id in due_ids(limit):
        state = deliver(message_id)
        counts[state] = counts.get(state, 0) + 1
    return counts


@transaction.atomic
def resend(message_ids: list[int]) -> int:
    """An admin's second chance for dead (or sent) messages: due again, attempts reset."""
    return OutboxMessage.objects.filter(
        pk__in=message_ids, state__in=[State.DEAD, State.SENT, State.SKIPPED]
    ).update(state=State.PENDING, attempts=0, next_attempt_at=timezone.now(), claim_token="")
