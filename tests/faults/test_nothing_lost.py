"""The fault suite: the production layout in miniature (gunicorn with the portal's
settings, a Celery worker, a Redis of the test's own as broker and cache, mail to
files), and a part failing at the worst moment."""

import datetime
import signal
import socket
import threading
import time

import pytest
from django.test import Client
from django.utils import timezone

from core.models import OutboxMessage
from meetings.models import Meeting, Participant
from roadmaps.models import Recommendation

from ..helpers.factories import (
    MandatedPersonFactory,
    MarketFactory,
    MeetingFactory,
    ParticipantFactory,
    RecommendationFactory,
)
from ..helpers.mail import read_mails, wait_for
from ..helpers.stack import PrivateRedis, Visitor, Web, manage, portal_env
from ..helpers.workers import start_worker, stop_worker

pytestmark = pytest.mark.django_db(transaction=True)

SLOW_MAIL = {
    "TEST_EMAIL_BACKEND": "tests.helpers.mail_backends.SlowFileBackend",
    "SLOW_MAIL_SECONDS": "0.3",
}


@pytest.fixture
def redis():
    server = PrivateRedis().start()
    yield server
    server.stop()


def session_of(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def recipients(mail_dir) -> list[str]:
    return sorted(str(message["To"]) for message in read_mails(mail_dir))


@pytest.fixture
def work(staff):
    """Something of each kind to notify about: minutes to publish, a recommendation to
    decide, a meeting to cancel."""
    start = timezone.now() - datetime.timedelta(days=1)
    held = MeetingFactory(
        title="Réunion tenue", starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )
    Meeting.objects.filter(pk=held.pk).update(status="held")
    for index in range(3):
        ParticipantFactory(
            meeting=held,
            person=MandatedPersonFactory(email=f"participant{index}@example.ma"),
            attendance=Participant.Attendance.ATTENDED,
        )
    planned = MeetingFactory(title="Réunion prévue")
    ParticipantFactory(meeting=planned, person=MandatedPersonFactory(email="invite@example.ma"))
    recommendation = RecommendationFactory(
        status="under_review",
        author=MandatedPersonFactory(email="auteur@example.ma"),
        markets=[MarketFactory(code="FR")],
    )
    return {"held": held, "planned": planned, "recommendation": recommendation}


def act(visitor, work) -> list[int]:
    """Publish the minutes, cancel a meeting, decline a recommendation: the statuses."""
    held, planned, recommendation = work["held"], work["planned"], work["recommendation"]
    return [
        visitor.post(
            f"/meetings/{held.pk}/status/", {"to": "publish"}, form_page=f"/meetings/{held.pk}/"
        )[0],
        visitor.post(
            f"/meetings/{planned.pk}/status/",
            {"to": "cancel"},
            form_page=f"/meetings/{planned.pk}/",
        )[0],
        visitor.post(
            f"/recommendations/{recommendation.pk}/review/",
            {"action": "decide", "decision": "decline", "response": "Hors périmètre.",
             "version": recommendation.version},
        )[0],
    ]  # fmt: skip


EXPECTED = [
    "auteur@example.ma",
    "invite@example.ma",
    "participant0@example.ma",
    "participant1@example.ma",
    "participant2@example.ma",
]


def test_with_the_broker_down_every_action_succeeds_and_its_notices_arrive_once_later(
    redis, mail_dir, staff, work, tmp_path
):
    env = portal_env(redis, mail_dir)
    web = Web(env).start()
    try:
        visitor = Visitor(web.base, session_of(staff))
        assert visitor.get("/")[0] == 200
        redis.stop()  # broker and cache down

        assert act(visitor, work) == [302, 302, 302]  # success shown, no 500
        status, dashboard = visitor.get("/")
        assert status == 200  # the cache is down: the dashboard is computed
        assert "publié" in dashboard or "Tableau de bord" in dashboard
        assert Meeting.objects.get(pk=work["held"].pk).status == "published"
        assert Recommendation.objects.get(pk=work["recommendation"].pk).status == "declined"
        assert OutboxMessage.objects.filter(state="pending").count() == 5
        assert recipients(mail_dir) == []
    finally:
        web.stop()

    redis.start()  # back: the dispatcher (beat, every minute) sends what waits
    result = manage("send_outbox", env=env)
    assert result.returncode == 0, result.stderr
    assert manage("send_outbox", env=env).returncode == 0  # again: nothing twice
    assert recipients(mail_dir) == EXPECTED
    assert set(OutboxMessage.objects.values_list("state", flat=True)) == {"sent"}


def test_a_broker_restart_that_loses_its_queue_loses_no_message(
    redis, mail_dir, staff, work, tmp_path
):
    env = portal_env(redis, mail_dir)
    web = Web(env).start()
    try:
        visitor = Visitor(web.base, session_of(staff))
        assert act(visitor, work) == [302, 302, 302]  # queued, but no worker yet
    finally:
        web.stop()
    redis.stop()
    redis.start()  # nothing kept on disk: the queue is empty

    worker = start_worker(tmp_path, extra_env=redis.env() | {"EMAIL_FILE_PATH": str(mail_dir)})
    try:
        time.sleep(2)
        assert recipients(mail_dir) == []  # the queued tasks are gone…
        assert manage("send_outbox", env=env).returncode == 0  # …the rows are not
        wait_for(lambda: recipients(mail_dir) == EXPECTED, timeout=60)
    finally:
        stop_worker(worker)


def test_a_worker_killed_mid_send_delivers_within_the_lease_at_most_one_twice(
    redis, mail_dir, staff, tmp_path
):
    authors = [MandatedPersonFactory(email=f"auteur{i:02d}@example.ma") for i in range(10)]
    market = MarketFactory(code="FR")
    ids = []
    for author in authors:
        recommendation = RecommendationFactory(
            status="under_review", author=author, markets=[market]
        )
        Recommendation.objects.filter(pk=recommendation.pk).update(status="declined")
        ids.append(
            OutboxMessage.objects.create(
                kind="roadmaps.decision",
                context={"recommendation": recommendation.pk},
                key=f"test:{recommendation.pk}",
                recipient=author.email,
            ).pk
        )
    env = portal_env(redis, mail_dir, OUTBOX_LEASE_SECONDS="3", **SLOW_MAIL)
    # Queued by a process of its own, on the test's Redis.
    line = f"from core.tasks import deliver_outbox_message as t; [t.delay(i) for i in {ids}]"
    assert manage("shell", "-c", line, env=env).returncode == 0

    first = start_worker(tmp_path, extra_env=env)
    wait_for(lambda: len(recipients(mail_dir)) >= 3, timeout=60)
    first.process.send_signal(signal.SIGKILL)
    first.process.wait(timeout=10)
    assert len(recipients(mail_dir)) < len(authors), "the kill came too late to test anything"

    second = start_worker(tmp_path, extra_env=env)
    try:
        # Within the lease (3 s here, OUTBOX_LEASE_SECONDS), the dispatcher takes over
        # what the dead worker held; the broker gives back its unacknowledged tasks.
        time.sleep(3.5)
        assert manage("send_outbox", env=env).returncode == 0
        wait_for(
            lambda: set(recipients(mail_dir)) >= {author.email for author in authors}, timeout=60
        )
        wait_for(lambda: not OutboxMessage.objects.exclude(state="sent").exists(), timeout=30)
    finally:
        stop_worker(second)
    sent = recipients(mail_dir)
    assert len(sent) - len(authors) <= 1, sent  # only the one being sent when it died


def test_slow_uploads_do_not_starve_the_portal(redis, mail_dir):
    web = Web(portal_env(redis, mail_dir)).start(workers=2)
    stop = threading.Event()

    def trickle():
        """Announce a 9 MB upload and send it at a crawl."""
        with socket.create_connection(("127.0.0.1", web.port), timeout=30) as connection:
            connection.sendall(
                b"POST /accounts/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Content-Type: application/x-www-form-urlencoded\r\n"
                b"Content-Length: 9437184\r\n\r\n"
            )
            while not stop.is_set():
                connection.sendall(b"a" * 64)
                time.sleep(0.2)

    uploads = [threading.Thread(target=trickle, daemon=True) for _ in range(2)]
    for upload in uploads:
        upload.start()
    time.sleep(1)
    try:
        probe = Visitor(web.base)
        answered = []
        for _ in range(5):
            started = time.monotonic()
            answered.append((probe.get("/healthz/", timeout=5)[0], time.monotonic() - started))
            time.sleep(0.2)
    finally:
        stop.set()
        web.stop()
    assert [status for status, _seconds in answered] == [200] * 5
    assert max(seconds for _status, seconds in answered) < 2
