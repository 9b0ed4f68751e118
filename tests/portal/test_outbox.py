"""The outbox: written with the change, sent once, retried, never lost (in-process
parts; tests/faults/ runs it against real processes and a broker that fails)."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from core import outbox
from core.models import OutboxMessage
from roadmaps import services

from ..helpers.factories import (
    MandatedPersonFactory,
    MarketFactory,
    RecommendationFactory,
    RoadmapFactory,
)

pytestmark = pytest.mark.django_db
State = OutboxMessage.State


@pytest.fixture
def decided(staff):
    """A recommendation declined: its notice is in the outbox."""
    recommendation = RecommendationFactory(
        status="under_review",
        author=MandatedPersonFactory(email="auteur@example.ma"),
        markets=[MarketFactory(code="FR")],
    )
    services.recommendation_decline(recommendation=recommendation, by=staff, response="Non.")
    return OutboxMessage.objects.get()


def test_the_notice_is_written_with_the_change_or_not_at_all(staff):
    recommendation = RecommendationFactory(status="under_review")
    with pytest.raises(RuntimeError), transaction.atomic():
        services.recommendation_decline(recommendation=recommendation, by=staff, response="Non.")
        raise RuntimeError("rolled back")
    assert not OutboxMessage.objects.exists()


def test_the_same_message_is_written_once(decided):
    again = outbox.enqueue(
        kind=decided.kind, context=decided.context, key=decided.key, recipient="x@example.ma"
    )
    assert again is None
    assert OutboxMessage.objects.count() == 1


def test_the_dispatcher_sends_it_once(decided):
    call_command("send_outbox")
    call_command("send_outbox")
    assert [message.to for message in mail.outbox] == [["auteur@example.ma"]]
    decided.refresh_from_db()
    assert (decided.state, decided.attempts) == (State.SENT, 1)
    assert decided.sent_at is not None


def test_a_claimed_message_is_not_taken_twice_until_its_lease_expires(decided, settings):
    assert outbox.claim(decided.pk, "sender-a")
    assert not outbox.claim(decided.pk, "sender-b")
    assert outbox.claim(decided.pk, "sender-a")  # the same sender resumes its claim
    assert outbox.due_ids() == []
    OutboxMessage.objects.filter(pk=decided.pk).update(
        claimed_at=timezone.now() - datetime.timedelta(seconds=settings.OUTBOX_LEASE_SECONDS + 1)
    )
    assert outbox.due_ids() == [decided.pk]  # its sender died: taken over
    assert outbox.deliver(decided.pk) == State.SENT
    assert len(mail.outbox) == 1


def test_a_failed_send_is_retried_later_then_given_up_and_resent_by_an_admin(
    decided, settings, admin_client
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_PORT = 1  # nobody listens: the mail server is down
    settings.EMAIL_TIMEOUT = 1
    settings.OUTBOX_MAX_ATTEMPTS = 2

    assert outbox.deliver(decided.pk) == State.PENDING
    decided.refresh_from_db()
    assert decided.attempts == 1 and decided.last_error
    assert decided.next_attempt_at > timezone.now()  # not before its delay
    assert outbox.due_ids() == []

    OutboxMessage.objects.filter(pk=decided.pk).update(next_attempt_at=timezone.now())
    assert outbox.deliver(decided.pk) == State.DEAD
    page = admin_client.get("/admin/core/outboxmessage/?state=dead").content.decode()
    assert "auteur@example.ma" in page

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    admin_client.post(
        "/admin/core/outboxmessage/", {"action": "resend", "_selected_action": [decided.pk]}
    )
    call_command("send_outbox")
    decided.refresh_from_db()
    assert decided.state == State.SENT
    assert [message.to for message in mail.outbox] == [["auteur@example.ma"]]


def test_a_notice_that_no_longer_applies_is_skipped_not_sent(decided):
    from roadmaps.models import Recommendation

    # Written for a decision that was undone meanwhile.
    Recommendation.objects.filter(pk=decided.context["recommendation"]).update(status="draft")
    assert outbox.deliver(decided.pk) == State.SKIPPED
    assert mail.outbox == []


def test_the_outbox_is_read_only_in_the_admin(admin_client, decided):
    url = f"/admin/core/outboxmessage/{decided.pk}/change/"
    assert admin_client.get(url).status_code == 200
    assert admin_client.post(url, {"state": "sent"}).status_code == 403
    assert admin_client.post(f"/admin/core/outboxmessage/{decided.pk}/delete/").status_code == 403


def test_the_dispatcher_runs_every_minute_in_beat():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="core.dispatch_outbox")
    assert (task.interval.every, task.interval.period, task.enabled) == (60, "seconds", True)


def test_every_notice_kind_of_the_portal_has_a_builder():
    from core.outbox import _builders

    assert set(_builders) >= {
        "meetings.notice",
        "roadmaps.decision",
        "partners.invitation",
        "portal.password_reset",
    }


def test_accepting_writes_one_notice_and_a_second_decision_another(staff):
    roadmap = RoadmapFactory(market=MarketFactory(code="FR"))
    recommendation = RecommendationFactory(
        status="under_review", author=MandatedPersonFactory(), markets=[roadmap.market]
    )
    services.recommendation_accept(
        recommendation=recommendation,
        by=staff,
        response="Oui",
        new_milestone=services.NewMilestone(
            roadmap=roadmap, title="Jalon", due_date=roadmap.starts_on, owner=roadmap.owner
        ),
    )
    assert OutboxMessage.objects.filter(kind="roadmaps.decision").count() == 1
