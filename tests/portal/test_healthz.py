import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_healthz_is_public_and_reports_database_and_broker(client):
    response = client.get("/healthz/")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "broker": "ok",
        "cache": "not configured",  # the tests' cache is per process
    }
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


SHARED_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}


def test_healthz_checks_a_shared_cache(client, settings):
    settings.CACHES = {
        "default": {**SHARED_CACHE["default"], "LOCATION": settings.CELERY_BROKER_URL}
    }
    body = client.get("/healthz/").json()
    assert (body["status"], body["cache"]) == ("ok", "ok")


def test_a_cache_that_is_down_degrades_the_portal_it_does_not_stop_it(client, settings):
    settings.CACHES = {"default": {**SHARED_CACHE["default"], "LOCATION": "redis://127.0.0.1:1/1"}}
    response = client.get("/healthz/")
    assert response.status_code == 200  # the load balancer keeps sending traffic
    body = response.json()
    assert (body["status"], body["cache"], body["degraded"]) == ("degraded", "degraded", ["cache"])


def test_with_the_cache_down_the_dashboard_is_served_and_decisions_are_saved(
    client, staff, settings
):
    from roadmaps.models import Recommendation

    from ..helpers.factories import RecommendationFactory

    settings.CACHES = {"default": {**SHARED_CACHE["default"], "LOCATION": "redis://127.0.0.1:1/1"}}
    recommendation = RecommendationFactory(status="under_review")
    client.force_login(staff)

    assert client.get("/").status_code == 200
    response = client.post(
        f"/recommendations/{recommendation.pk}/review/",
        {"action": "decide", "decision": "decline", "response": "Non.", "version": 1},
    )
    assert response.status_code == 302
    assert Recommendation.objects.get(pk=recommendation.pk).status == "declined"
