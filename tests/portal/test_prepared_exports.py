"""Exports too large for one request: built by a real worker into private storage,
announced in the inbox and by e-mail, downloaded by their owner alone while they
may still export; the sweep requeues what waits and deletes what expired."""

import datetime
import io

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from core import prepared_exports
from core.models import PreparedExport
from partners.models import Membership
from partners.roles import Role

from ..helpers.factories import OrganizationFactory, RecommendationFactory, UserFactory
from ..helpers.mail import read_mails, wait_for
from ..helpers.workers import purge_default_queue, queued, start_worker, stop_worker
from ..helpers.world import body_text

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def storage():
    """Where prepared exports are kept (the test settings' scratch folder, which
    worker processes share); this test's files are removed afterwards."""
    yield PreparedExport._meta.get_field("file").storage
    for export in PreparedExport.objects.exclude(file=""):
        export.file.delete(save=False)


@pytest.fixture
def many(settings):
    """Five recommendations matching « Vidéos », one that does not; a cap of 3."""
    settings.EXPORT_BACKGROUND_ROWS = 3
    fes = OrganizationFactory(short_name="CRT-FES")
    for number in range(5):
        RecommendationFactory(organization=fes, title=f"Vidéos {number}", review_notes="interne")
    RecommendationFactory(organization=fes, title="Salon de Berlin")
    return fes


def test_a_large_xlsx_is_built_by_a_worker_and_reaches_its_owner_alone(
    client, many, tmp_path, mail_dir, storage
):
    purge_default_queue()
    owner = UserFactory(role=Role.ONMT_STAFF, email="analyste@onmt.ma")
    client.force_login(owner)

    response = client.get("/recommendations/export.xlsx", {"q": "Vidéos"})

    assert response.status_code == 302 and response["Location"] == "/inbox/"
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert "plus de 3 lignes" in message and "boîte" in message
    export = PreparedExport.objects.get()
    assert (export.owner, export.state, export.language) == (owner, "pending", "fr")
    assert "en cours de préparation" in body_text(client.get("/inbox/"))
    assert queued() == 1

    worker = start_worker(
        tmp_path,
        extra_env={"EMAIL_FILE_PATH": str(mail_dir)},
    )
    try:
        [mail] = wait_for(lambda: read_mails(mail_dir))
    finally:
        stop_worker(worker)

    export.refresh_from_db()
    assert (export.state, export.rows) == ("ready", 5)
    assert mail["To"] == "analyste@onmt.ma"
    assert "recommendations.xlsx" in mail["Subject"]
    body = mail.get_body(("plain",)).get_content()
    assert f"/exports/{export.pk}/" in body and "5 lignes" in body

    inbox = client.get("/inbox/").content.decode()
    assert f'href="/exports/{export.pk}/"' in inbox and "5 lignes" in inbox
    download = client.get(f"/exports/{export.pk}/")
    assert download["Cache-Control"] == "private, no-store"
    assert "recommendations.xlsx" in download["Content-Disposition"]
    rows = list(openpyxl.load_workbook(io.BytesIO(download.getvalue())).active.values)
    assert rows[0][-1] == "Notes d’examen internes"  # as staff see the list
    assert sorted(row[0] for row in rows[1:]) == [f"Vidéos {n}" for n in range(5)]

    # Another member of staff neither sees it nor downloads it.
    client.force_login(UserFactory(role=Role.ONMT_STAFF))
    assert client.get(f"/exports/{export.pk}/").status_code == 404
    assert "recommendations.xlsx" not in client.get("/inbox/").content.decode()

    # The owner whose mandate ended cannot fetch what was built before.
    Membership.objects.filter(person__user=owner).update(
        end_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    client.force_login(owner)
    assert client.get(f"/exports/{export.pk}/").status_code == 404


def test_below_the_cap_the_xlsx_is_answered_at_once(client, many, settings):
    settings.EXPORT_BACKGROUND_ROWS = 5
    client.force_login(UserFactory(role=Role.ONMT_STAFF))

    response = client.get("/recommendations/export.xlsx", {"q": "Vidéos"})

    assert response.status_code == 200
    assert PreparedExport.objects.count() == 0
    rows = list(openpyxl.load_workbook(io.BytesIO(response.getvalue())).active.values)
    assert len(rows) == 6


def test_the_csv_always_streams_whatever_its_size(client, many):
    client.force_login(UserFactory(role=Role.ONMT_STAFF))

    response = client.get("/recommendations/export.csv")

    assert response.status_code == 200 and response.streaming
    assert len(response.getvalue().decode("utf-8-sig").splitlines()) == 7
    assert PreparedExport.objects.count() == 0


def test_a_worker_refuses_an_export_its_owner_may_no_longer_make(many, storage):
    owner = UserFactory(role=Role.ONMT_STAFF)
    export = PreparedExport.objects.create(
        owner=owner, kind="roadmaps.recommendations", params={}, language="fr", filename="r.xlsx"
    )
    Membership.objects.filter(person__user=owner).delete()

    assert prepared_exports.build(export.pk) == "failed"
    export.refresh_from_db()
    assert export.state == "failed" and not export.file
    assert prepared_exports.build(export.pk) == "taken"  # never built later


def test_the_sweep_queues_what_waits_and_deletes_what_expired(many, storage):
    purge_default_queue()
    owner = UserFactory(role=Role.ONMT_STAFF)
    waiting, expired, _fresh = (
        PreparedExport.objects.create(
            owner=owner, kind="roadmaps.recommendations", params={}, language="fr",
            filename=f"{name}.xlsx",
        )
        for name in ("waiting", "expired", "fresh")
    )  # fmt: skip
    assert prepared_exports.build(expired.pk) == "ready"
    expired.refresh_from_db()
    assert storage.exists(expired.file.name)
    now = timezone.now()
    PreparedExport.objects.filter(pk=waiting.pk).update(
        created_at=now - datetime.timedelta(minutes=5)
    )
    PreparedExport.objects.filter(pk=expired.pk).update(created_at=now - datetime.timedelta(days=8))

    purge_default_queue()  # the ready e-mail of the export built above

    assert prepared_exports.sweep() == {"queued": 1, "deleted": 1}
    assert queued() == 1  # the one that waited; the fresh one is still on its way
    assert not storage.exists(expired.file.name)
    assert set(PreparedExport.objects.values_list("filename", flat=True)) == {
        "waiting.xlsx",
        "fresh.xlsx",
    }
    purge_default_queue()


def test_unknown_or_foreign_export_ids_are_not_found(client):
    owner = UserFactory(role=Role.ONMT_STAFF)
    client.force_login(owner)
    assert client.get("/exports/999999/").status_code == 404
    pending = PreparedExport.objects.create(
        owner=owner, kind="roadmaps.recommendations", params={}, language="fr", filename="r.xlsx"
    )
    assert client.get(f"/exports/{pending.pk}/").status_code == 404  # not ready yet
