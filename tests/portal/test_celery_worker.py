"""A real worker process, on the test Redis, runs a task and returns what it read."""

import uuid

import pytest
from django.db import connection

from onmt_portal.tasks import ping
from partners.roles import Role, role_group

from ..helpers.workers import start_worker, stop_worker


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_a_task_against_the_test_database(celery_worker):
    # A transactional test flushes the roles the migration made: recreate them,
    # so the answer proves the worker reads rows this test committed.
    for role in Role:
        role_group(role)

    answer = ping.apply_async(queue=celery_worker.queue).get(timeout=60)

    assert answer["pong"] is True
    assert answer["database"] == connection.settings_dict["NAME"]
    assert answer["roles"] == sorted(role.value for role in Role)


@pytest.mark.django_db(transaction=True)
def test_a_task_queued_while_no_worker_runs_waits_in_redis_until_one_starts(tmp_path):
    queue = f"test-{uuid.uuid4().hex[:12]}"
    result = ping.apply_async(queue=queue)
    assert result.state == "PENDING"

    worker = start_worker(tmp_path, queue=queue)
    try:
        assert result.get(timeout=60)["pong"] is True
    finally:
        stop_worker(worker)
