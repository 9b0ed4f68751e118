"""A second factor (TOTP, with backup codes): required of ONMT staff and the
superuser when PORTAL_REQUIRE_2FA is on, offered to everyone, in the portal's
log-in and the admin's alike."""

import base64
import time

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..helpers.accounts import login_data, token_data
from ..helpers.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
SETUP = "/accounts/two-factor/setup/"


def code(device: TOTPDevice, *, ahead: int = 0) -> str:
    """The code the phone shows now (or `ahead` periods later: a code is never
    accepted twice, so a second log-in within the same 30 s uses the next one)."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, ahead):06d}"


def setup_through_the_wizard(client) -> TOTPDevice:
    client.get(SETUP)
    generator = client.post(SETUP, {"setup_view-current_step": "welcome"})
    assert "secret" in generator.content.decode()
    secret = client.session["django_two_factor-qr_secret_key"]  # base32, as shown
    token = f"{totp(base64.b32decode(secret)):06d}"
    done = client.post(SETUP, {"setup_view-current_step": "generator", "generator-token": token})
    assert done.status_code == 302, done.content.decode()[-2000:]
    return TOTPDevice.objects.get(user=done.wsgi_request.user)


@pytest.fixture
def require_2fa(settings):
    settings.PORTAL_REQUIRE_2FA = True


def test_staff_without_a_factor_must_set_one_up_before_anything_else(client, staff, require_2fa):
    client.post(reverse("login"), login_data("staff", PASSWORD))
    for url in ("/", "/meetings/", "/admin/"):
        response = client.get(url)
        assert response["Location"] == SETUP, url
    # A fragment the set-up page itself loads (the inbox count) gets nothing, not
    # the set-up page again, inside itself.
    fragment = client.get("/inbox/count/", headers={"HX-Request": "true"})
    assert fragment.status_code == 204 and fragment.content == b""

    device = setup_through_the_wizard(client)

    assert device.confirmed
    assert client.get("/").status_code == 200
    assert client.get("/meetings/new/").status_code == 200
    client.post(reverse("logout"))

    # The next log-in asks for the code.
    step_two = client.post(reverse("login"), login_data("staff", PASSWORD))
    assert step_two.status_code == 200
    assert "_auth_user_id" not in client.session
    wrong = client.post(reverse("login"), token_data("000000"))
    assert "_auth_user_id" not in client.session
    assert wrong.status_code == 200
    time.sleep(1.1)  # django-otp waits a second after a wrong code (and longer after more)
    client.post(reverse("login"), token_data(code(device, ahead=1)))
    assert client.get("/meetings/new/").status_code == 200


def test_a_session_that_did_not_use_the_factor_logs_in_again(client, staff, require_2fa):
    TOTPDevice.objects.create(user=staff, name="default")
    client.force_login(staff)  # a password-only session (started before, or elsewhere)
    response = client.get("/meetings/")
    assert response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session


def test_a_backup_code_lets_one_in_once(client, staff, require_2fa):
    TOTPDevice.objects.create(user=staff, name="default")
    backup = StaticDevice.objects.create(user=staff, name="backup")
    backup.token_set.create(token="abcd1234")

    client.post(reverse("login"), login_data("staff", PASSWORD))
    client.post(
        reverse("login"), {"portal_login_view-current_step": "token", "wizard_goto_step": "backup"}
    )
    client.post(reverse("login"), token_data("abcd1234", step="backup"))
    assert client.get("/meetings/new/").status_code == 200
    client.post(reverse("logout"))

    client.post(reverse("login"), login_data("staff", PASSWORD))
    client.post(
        reverse("login"), {"portal_login_view-current_step": "token", "wizard_goto_step": "backup"}
    )
    client.post(reverse("login"), token_data("abcd1234", step="backup"))
    assert "_auth_user_id" not in client.session  # used already


def test_council_members_are_offered_the_factor_not_forced(client, council_fes, require_2fa):
    user = council_fes
    user.set_password(PASSWORD)
    user.save()
    MembershipFactory(person__user=user)
    response = client.post(reverse("login"), login_data("council_fes", PASSWORD))
    assert response["Location"] == reverse("home")
    assert client.get("/").status_code == 200
    profile = client.get("/accounts/profile/").content.decode()
    assert SETUP in profile

    device = setup_through_the_wizard(client)  # they chose to
    client.post(reverse("logout"))
    client.post(reverse("login"), login_data("council_fes", PASSWORD))
    assert "_auth_user_id" not in client.session  # now asked for the code too
    client.post(reverse("login"), token_data(code(device, ahead=1)))
    assert client.get("/").status_code == 200


def test_the_admin_logs_in_through_the_portal(client, admin_user, require_2fa):
    response = client.get("/admin/login/?next=/admin/partners/")
    assert response.status_code == 302
    assert response["Location"] == reverse("login") + "?next=/admin/partners/"

    client.force_login(admin_user)  # password only, no factor yet: set one up first
    assert client.get("/admin/partners/")["Location"] == SETUP
    TOTPDevice.objects.create(user=admin_user, name="default")
    client.force_login(admin_user)  # password only, with a factor: log in again
    assert client.get("/admin/partners/")["Location"].startswith(reverse("login"))


def test_without_the_requirement_staff_work_with_their_password(client, staff):
    client.post(reverse("login"), login_data("staff", PASSWORD))
    assert client.get("/meetings/new/").status_code == 200


def test_the_factor_can_be_turned_off_by_its_owner(client):
    user = UserFactory(username="membre")
    MembershipFactory(person__user=user)
    client.post(reverse("login"), login_data("membre", PASSWORD))
    device = setup_through_the_wizard(client)
    response = client.post("/accounts/two-factor/disable/", {"understand": "on"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
