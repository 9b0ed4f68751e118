"""Log-in and mail abuse: the client's address behind the proxy, password
spraying, and password resets that neither leak nor flood."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse

from core import outbox
from core.client_ip import client_ip
from onmt_portal.demo import DEFAULT_DEMO_PASSWORD

from ..helpers.accounts import login_data
from ..helpers.factories import UserFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("81.192.10.7", "81.192.10.7"),  # what the proxy appended
        ("6.6.6.6, 81.192.10.7", "81.192.10.7"),  # a client's own header is not believed
        ("", PROXY),  # not through the proxy
    ],
)
def test_the_client_is_read_behind_the_trusted_proxy(settings, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=PROXY)
    assert client_ip(request) == expected


def test_without_a_proxy_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="6.6.6.6", REMOTE_ADDR="81.192.10.7")
    assert client_ip(request) == "81.192.10.7"


def attempt(client, username, password, client_address):
    return client.post(
        reverse("login"),
        login_data(username, password),
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=client_address,
    )


def test_behind_the_proxy_a_lock_out_is_for_one_client_not_for_everyone(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    call_command("seed_demo", force=True)
    for _ in range(5):
        attempt(client, "crt.fes", "wrong", "81.192.10.7")
    assert attempt(client, "crt.fes", DEFAULT_DEMO_PASSWORD, "81.192.10.7").status_code == 429
    # Another client, through the same proxy: crt.fes is not locked for them.
    assert attempt(client, "crt.fes", DEFAULT_DEMO_PASSWORD, "41.250.3.9").status_code == 302


def test_one_address_trying_many_accounts_is_stopped(client, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 6
    settings.TRUSTED_PROXY_COUNT = 1
    for index in range(3):
        UserFactory(username=f"cible{index}")
    for index in range(3):
        for _ in range(2):  # below each account's own lock-out
            assert attempt(client, f"cible{index}", "wrong", "1.2.3.4").status_code == 200

    sprayed = attempt(client, "cible0", "correct-horse-battery", "1.2.3.4")
    assert sprayed.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "plusieurs comptes" in sprayed.content.decode()
    # Someone else, elsewhere, logs in.
    assert attempt(client, "cible1", "correct-horse-battery", "5.6.7.8").status_code == 302


def test_a_password_reset_answers_the_same_and_mails_through_celery(
    client, django_capture_on_commit_callbacks, settings
):
    settings.PORTAL_BASE_URL = "https://portail.onmt.example"
    UserFactory(username="connue", email="connue@example.ma")
    url = reverse("password_reset")

    with django_capture_on_commit_callbacks() as queued:
        known = client.post(url, {"email": "connue@example.ma"}, HTTP_HOST="evil.example")
        unknown = client.post(url, {"email": "inconnue@example.ma"}, HTTP_HOST="evil.example")

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert mail.outbox == []  # nothing is sent inside the request
    assert len(queued) == 2  # one message each: the answer does not depend on the address

    assert outbox.dispatch() == {"sent": 1, "skipped": 1}  # looked up when sent
    (message,) = mail.outbox
    assert "https://portail.onmt.example/accounts/reset/" in message.body
    assert "evil.example" not in message.body


def test_password_resets_are_limited_per_client_and_per_address(client, settings):
    settings.PASSWORD_RESET_RATE_PER_EMAIL = "2/h"
    settings.PASSWORD_RESET_RATE_PER_CLIENT = "3/h"
    url = reverse("password_reset")
    for _ in range(2):
        assert client.post(url, {"email": "a@example.ma"}).status_code == 302
    too_many = client.post(url, {"email": "a@example.ma"})
    assert too_many.status_code == 429
    assert "Trop de demandes" in too_many.content.decode()
    # The client's own limit covers every address it asks for.
    assert client.post(url, {"email": "b@example.ma"}).status_code == 429
    assert client.post(url, {"email": "c@example.ma"}, REMOTE_ADDR="9.9.9.9").status_code == 302
