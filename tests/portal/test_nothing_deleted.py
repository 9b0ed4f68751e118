"""Nothing referenced is deleted; secrets stay out of the database and the logs;
a private address cannot be confirmed through the directory search."""

import importlib
import logging
import subprocess
import sys
import time
import urllib.request

import pytest
from django.apps import apps
from django.conf import settings
from django.db.models import ProtectedError

from core.redaction import RedactSecretsFilter, redact
from partners.models import Organization, Person
from roadmaps.models import Milestone
from roadmaps.services import reminders

from ..helpers.factories import (
    MandatedPersonFactory,
    MeetingFactory,
    MembershipFactory,
    MilestoneFactory,
    OrganizationFactory,
    OutcomeFactory,
    PersonFactory,
    RecommendationFactory,
    RoadmapFactory,
)
from ..helpers.workers import worker_database_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("factory", "path"),
    [
        (MeetingFactory, "meetings/meeting"),
        (MilestoneFactory, "roadmaps/milestone"),
        (RecommendationFactory, "roadmaps/recommendation"),
        (RoadmapFactory, "roadmaps/roadmap"),
    ],
)
def test_the_admin_never_deletes_lifecycle_records(admin_client, factory, path):
    obj = factory()
    url = f"/admin/{path}/{obj.pk}/delete/"
    assert admin_client.get(url).status_code == 403
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert type(obj).objects.filter(pk=obj.pk).exists()
    changelist = admin_client.get(f"/admin/{path}/").content.decode()
    assert 'value="delete_selected"' not in changelist  # no bulk delete either


def test_outcome_and_milestone_rows_cannot_be_deleted_from_their_parents(admin_client):
    meeting = OutcomeFactory().meeting
    page = admin_client.get(f"/admin/meetings/meeting/{meeting.pk}/change/").content.decode()
    assert 'name="outcomes-0-DELETE"' not in page
    roadmap = MilestoneFactory().roadmap
    page = admin_client.get(f"/admin/roadmaps/roadmap/{roadmap.pk}/change/").content.decode()
    assert 'name="milestones-0-DELETE"' not in page


def test_organizations_and_people_others_point_to_are_archived_not_deleted(admin_client):
    mandate = MembershipFactory()
    for path, obj in (
        ("partners/organization", mandate.organization),
        ("partners/person", mandate.person),
    ):
        url = f"/admin/{path}/{obj.pk}/delete/"
        assert admin_client.post(url, {"post": "yes"}).status_code == 403
        assert type(obj).objects.filter(pk=obj.pk).exists()

    # A typo nothing points to yet can still go.
    typo = OrganizationFactory(short_name="TYPO")
    response = admin_client.post(f"/admin/partners/organization/{typo.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Organization.objects.filter(pk=typo.pk).exists()


def test_reminder_logs_protect_what_they_are_about():
    milestone = MilestoneFactory(owner=MandatedPersonFactory())
    reminders.scan(milestone.due_date, dispatch=reminders.deliver_digest)
    with pytest.raises(ProtectedError):
        Milestone.objects.filter(pk=milestone.pk).delete()
    with pytest.raises(ProtectedError):
        Person.objects.filter(pk=milestone.owner_id).delete()


# --- calendar feed secrets ---------------------------------------------------------


def test_existing_calendar_secrets_are_replaced_by_their_digest():
    person = PersonFactory(calendar_token="an-address-given-last-year")
    migration = importlib.import_module("partners.migrations.0010_calendar_token_digest")
    migration.digest_tokens(apps, None)
    person.refresh_from_db()
    assert person.calendar_token == Person.calendar_token_digest("an-address-given-last-year")


def test_calendar_secrets_are_redacted_from_django_logs(caplog):
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s',
        ("GET /calendar/s3cr3t.ics", 200),
        None,
    )
    RedactSecretsFilter().filter(record)
    assert "s3cr3t" not in record.getMessage()
    assert "/calendar/[redacted].ics" in record.getMessage()
    assert redact("/meetings/1/calendar.ics") == "/meetings/1/calendar.ics"  # not a secret


@pytest.mark.django_db(transaction=True)
def test_gunicorns_access_log_never_holds_a_calendar_secret(tmp_path):
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    access_log = tmp_path / "access.log"
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "gunicorn", "-c", "python:onmt_portal.gunicorn_conf"),
            "onmt_portal.wsgi",
        ],
        cwd=settings.BASE_DIR,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "onmt_portal.settings.test",
            "DATABASE_URL": worker_database_url(),
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_ACCESS_LOG": str(access_log),
            "WEB_WORKERS": "1",
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/calendar/the-secret-of-someone.ics"
        for _ in range(100):
            try:
                urllib.request.urlopen(url, timeout=2)
            except urllib.error.HTTPError:
                break  # 404: served, logged
            except OSError:
                time.sleep(0.1)
        for _ in range(50):
            if access_log.exists() and access_log.read_text():
                break
            time.sleep(0.1)
    finally:
        server.terminate()
        server.wait(timeout=10)
    logged = access_log.read_text()
    assert "/calendar/[redacted].ics" in logged
    assert "the-secret-of-someone" not in logged


# --- the directory search --------------------------------------------------------


def test_only_staff_find_someone_by_their_email_address(client, council_fes, staff):
    MembershipFactory(person__user=council_fes)
    MembershipFactory(person=PersonFactory(last_name="Secret", email="prive@example.ma"))
    client.force_login(council_fes)
    page = client.get("/partners/", {"q": "prive@example.ma"})
    assert page.context["people"] == []
    assert "Secret" not in page.content.decode()
    client.force_login(staff)
    page = client.get("/partners/", {"q": "prive@example.ma"})
    assert [person.last_name for person in page.context["people"]] == ["Secret"]
