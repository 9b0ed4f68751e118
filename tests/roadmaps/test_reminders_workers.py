"""The exactly-once guarantee against real processes: concurrent scans, a worker
killed mid-batch, and a broker that is down."""

import datetime
import os
import shutil
import signal
import socket
import subprocess
import sys
import time

import pytest
from django.conf import settings

from roadmaps.models import ReminderLog
from roadmaps.services import reminders
from roadmaps.tasks import send_reminder_digest

from ..helpers.factories import MandatedPersonFactory, MilestoneFactory, RoadmapFactory
from ..helpers.mail import read_mails, wait_for
from ..helpers.workers import purge_default_queue, start_worker, stop_worker, worker_database_url

pytestmark = pytest.mark.django_db(transaction=True)
TODAY = datetime.date(2030, 6, 10)


def owners_with_milestones(count):
    roadmap = RoadmapFactory()
    owners = [MandatedPersonFactory(email=f"owner{i:02d}@example.ma") for i in range(count)]
    for owner in owners:
        for days in (7, 1):
            MilestoneFactory(
                roadmap=roadmap, owner=owner, due_date=TODAY + datetime.timedelta(days=days)
            )
    return owners


def command(*args, env=None):
    return subprocess.Popen(
        [sys.executable, "manage.py", "send_reminders", f"--date={TODAY}", *args],
        cwd=settings.BASE_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "onmt_portal.settings.test",
            "DATABASE_URL": worker_database_url(),
            "CELERY_TASK_DEFAULT_QUEUE": settings.CELERY_TASK_DEFAULT_QUEUE,
            **(env or {}),
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def recipients(mail_dir):
    return [str(message["To"]) for message in read_mails(mail_dir)]


def test_two_scans_at_the_same_time_send_each_digest_once(mail_dir):
    owners = owners_with_milestones(10)
    slow = {
        "EMAIL_FILE_PATH": str(mail_dir),
        "TEST_EMAIL_BACKEND": "tests.helpers.mail_backends.SlowFileBackend",
        "SLOW_MAIL_SECONDS": "0.2",
    }

    first, second = command(env=slow), command(env=slow)
    for process in (first, second):
        _out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err

    assert sorted(recipients(mail_dir)) == sorted(owner.email for owner in owners)
    assert ReminderLog.objects.filter(sent_at__isnull=True).count() == 0
    assert ReminderLog.objects.count() == 20


def test_a_worker_killed_mid_batch_then_restarted_delivers_everyone_within_the_window(
    tmp_path, mail_dir
):
    purge_default_queue()
    owners = owners_with_milestones(12)
    reminders.scan(TODAY, dispatch=lambda recipient_id: send_reminder_digest.delay(recipient_id))
    env = {
        "EMAIL_FILE_PATH": str(mail_dir),
        "TEST_EMAIL_BACKEND": "tests.helpers.mail_backends.SlowFileBackend",
        "SLOW_MAIL_SECONDS": "0.4",
        # Redis gives a dead worker's unacknowledged task back after this long.
        "CELERY_VISIBILITY_TIMEOUT": "3",
    }

    first = start_worker(tmp_path, extra_env=env)
    wait_for(lambda: len(recipients(mail_dir)) >= 3, timeout=60)
    first.process.send_signal(signal.SIGKILL)
    first.process.wait(timeout=10)
    delivered_before_kill = len(recipients(mail_dir))
    assert delivered_before_kill < len(owners), "the kill came too late to test anything"

    second = start_worker(tmp_path, extra_env=env)
    try:
        wait_for(lambda: set(recipients(mail_dir)) >= {owner.email for owner in owners}, timeout=90)
        wait_for(lambda: not ReminderLog.objects.filter(sent_at__isnull=True).exists(), timeout=30)
    finally:
        stop_worker(second)

    sent = recipients(mail_dir)
    # The documented window: only the digest being sent when the worker died
    # (one task at a time: solo pool, prefetch 1) may go out twice.
    assert len(sent) - len(owners) <= 1, sorted(sent)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_redis(port, workdir):
    server = shutil.which("redis-server")
    if server is None:
        pytest.fail("redis-server is missing: it is needed to test a broker outage")
    process = subprocess.Popen(
        [
            server,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def answers():
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            return False

    wait_for(answers, timeout=10)
    return process


def test_with_the_broker_down_the_run_fails_loudly_and_the_next_one_delivers(tmp_path, mail_dir):
    owners = owners_with_milestones(4)
    port = free_port()
    broker = {"CELERY_BROKER_URL": f"redis://127.0.0.1:{port}/0"}
    # No broker listening on that port: Redis is down for this run.
    down = command("--via-celery", env=broker)
    _out, err = down.communicate(timeout=120)
    assert down.returncode != 0
    assert "The reminder scan failed" in err
    assert ReminderLog.objects.count() == 8
    assert not ReminderLog.objects.filter(sent_at__isnull=False).exists()

    redis_process = start_redis(port, tmp_path)
    try:
        again = command("--via-celery", env=broker)
        out, err = again.communicate(timeout=120)
        assert again.returncode == 0, err
        assert "queued for 4 people" in out
        worker = start_worker(tmp_path, extra_env={**broker, "EMAIL_FILE_PATH": str(mail_dir)})
        try:
            wait_for(lambda: len(recipients(mail_dir)) >= 4, timeout=60)
            time.sleep(1)  # nothing more should come
        finally:
            stop_worker(worker)
    finally:
        redis_process.terminate()
        redis_process.wait(timeout=10)

    assert sorted(recipients(mail_dir)) == sorted(owner.email for owner in owners)
    assert not ReminderLog.objects.filter(sent_at__isnull=True).exists()


def test_the_beat_task_scans_and_fans_out_to_workers(celery_worker, mail_dir):
    from roadmaps.tasks import scan_reminders

    owners = owners_with_milestones(3)

    summary = scan_reminders.apply_async(args=[TODAY.isoformat()], ignore_result=False).get(
        timeout=60
    )

    assert summary == {"planned": 6, "claimed": 6, "recipients": 3}
    wait_for(lambda: len(recipients(mail_dir)) >= 3, timeout=60)
    assert sorted(recipients(mail_dir)) == sorted(owner.email for owner in owners)
