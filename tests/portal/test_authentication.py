import pytest
from django.core.management import call_command
from django.urls import reverse

from onmt_portal.demo import DEFAULT_DEMO_PASSWORD, DEMO_ACCOUNTS

from ..helpers.accounts import login_data
from ..helpers.urlwalk import project_routes

pytestmark = pytest.mark.django_db

# The only pages an anonymous visitor may open (DESIGN.md).
PUBLIC = {
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "healthz",
    "set_language",
    "logout",
    # Its secret token is the credential (calendar programs cannot log in).
    "calendar_feed",
    # The invitation's signed link answers it without logging in.
    "meetings:rsvp_link",
}


def test_anonymous_visitors_are_sent_to_log_in_from_every_page(client):
    routes = [route for route in project_routes() if route.name not in PUBLIC]
    assert routes, "the URL walk found no protected page"
    for route in routes:
        response = client.get(route.path)
        assert response.status_code == 302, route
        assert response["Location"].startswith(reverse("login") + "?next="), route


def test_every_public_page_is_listed_as_such():
    names = {route.name for route in project_routes()}
    assert names >= PUBLIC, PUBLIC - names


def test_anonymous_visitors_reach_the_admin_only_through_a_log_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_log_in_page_is_served_in_french_by_default(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert '<html lang="fr" dir="ltr">' in response.content.decode()
    assert "Connexion" in response.content.decode()


def test_a_demo_user_logs_in_and_lands_on_the_dashboard(client):
    call_command("seed_demo", force=True)

    response = client.post(
        reverse("login"), login_data("crt.fes", DEFAULT_DEMO_PASSWORD), follow=True
    )

    assert response.redirect_chain[-1][0] == reverse("home")
    page = response.content.decode()
    assert "Tableau de bord" in page
    assert "Aziz Lebbar" in page
    assert "Membre de conseil" in page


def test_a_wrong_password_is_refused_with_a_translated_error(client):
    call_command("seed_demo", force=True)

    response = client.post(reverse("login"), login_data("crt.fes", "nope"))

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Saisissez un nom d’utilisateur et un mot de passe valides" in response.content.decode()


def test_log_out_is_a_post_and_ends_the_session(client, staff):
    client.force_login(staff)

    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"), follow=True)

    assert "_auth_user_id" not in client.session
    assert response.redirect_chain[-1][0] == reverse("login")
    assert "Vous êtes déconnecté" in response.content.decode()


def test_seed_demo_is_idempotent_and_creates_every_demo_account(django_user_model):
    call_command("seed_demo", force=True)
    first = {
        user.username: (user.password, user.first_name, user.last_name, user.is_superuser)
        for user in django_user_model.objects.all()
    }
    call_command("seed_demo", force=True)
    second = {
        user.username: (user.password, user.first_name, user.last_name, user.is_superuser)
        for user in django_user_model.objects.all()
    }

    assert first == second
    assert set(first) == {account.username for account in DEMO_ACCOUNTS}
    assert first["admin"][3] is True
    assert (
        django_user_model.objects.get(username="onmt.staff")
        .groups.filter(name="onmt_staff")
        .exists()
    )
    assert (
        django_user_model.objects.get(username="delegate.fr")
        .groups.filter(name="delegate")
        .exists()
    )


def test_seed_demo_refuses_to_run_with_debug_off_unless_forced():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")


def test_navigation_hides_admin_from_non_staff(client, council_fes, admin_user):
    client.force_login(council_fes)
    assert 'href="/admin/"' not in client.get("/").content.decode()

    client.force_login(admin_user)
    assert 'href="/admin/"' in client.get("/").content.decode()
