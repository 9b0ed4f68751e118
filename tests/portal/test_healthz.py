import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_healthz_is_public_and_reports_database_and_broker(client):
    response = client.get("/healthz/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}
    assert "no-cache" in response["Cache-Control"]


@override_settings(CELERY_BROKER_URL="redis://127.0.0.1:1/0")
def test_healthz_answers_503_naming_the_broker_when_it_is_down(client):
    response = client.get("/healthz/")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["database"] == "ok"
    assert body["broker"] == "error"
    assert body["failing"] == ["broker"]
    # Public endpoint: the failing part is named, the reason (hosts, ports) is not.
    assert "127.0.0.1" not in response.content.decode()


@override_settings(CELERY_BROKER_CONFIGURED=False)
def test_healthz_says_not_configured_for_the_embedded_broker(client):
    response = client.get("/healthz/")

    assert response.status_code == 200
    assert response.json()["broker"] == "not configured"


def test_healthz_refuses_other_methods(client):
    assert client.post("/healthz/").status_code == 405
