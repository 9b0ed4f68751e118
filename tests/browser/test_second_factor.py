"""In Chromium: ONMT staff set up their second factor, then recover with a backup
code when the phone is not at hand."""

import base64
import re

import pytest
from django.core.management import call_command
from django_otp.oath import totp
from playwright.sync_api import expect

from onmt_portal.demo import DEFAULT_DEMO_PASSWORD

from ..helpers.browser import csp_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_set_up_a_second_factor_and_recover_with_a_backup_code(
    chromium, live_server, settings
):
    settings.PORTAL_REQUIRE_2FA = True
    call_command("seed_demo", force=True)
    context = chromium.new_context(locale="fr-MA")
    page = context.new_page()
    page.set_default_timeout(15_000)
    refused = csp_violations(page)

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Nom d’utilisateur").fill("onmt.staff")
    page.get_by_label("Mot de passe").fill(DEFAULT_DEMO_PASSWORD)
    page.get_by_role("button", name="Connexion").click()

    # Staff must set the factor up before anything else.
    page.wait_for_url(re.compile(r"/accounts/two-factor/setup/$"))
    expect(page.get_by_text("configurez-le pour continuer")).to_be_visible()
    page.get_by_role("button", name="Suivant").click()
    expect(
        page.get_by_alt_text("Code QR contenant le secret de votre second facteur")
    ).to_be_visible()
    secret = page.locator("code.secret-key").inner_text()
    page.get_by_label("Jeton").fill(f"{totp(base64.b32decode(secret)):06d}")
    page.get_by_role("button", name="Suivant").click()
    expect(page.get_by_role("heading", name="Votre second facteur est configuré")).to_be_visible()

    page.get_by_role("link", name="Créer mes codes de secours").click()
    page.get_by_role("button", name="Créer de nouveaux codes de secours").click()
    codes = page.locator(".backup-codes code").all_inner_texts()
    assert len(codes) == 10

    # Logged out, phone lost: a backup code lets them in, once.
    page.goto(f"{live_server.url}/accounts/profile/")
    page.get_by_role("button", name=re.compile("Équipe ONMT")).click()
    page.get_by_role("button", name="Se déconnecter").click()
    page.get_by_label("Nom d’utilisateur").fill("onmt.staff")
    page.get_by_label("Mot de passe").fill(DEFAULT_DEMO_PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    expect(page.get_by_text("Saisissez le code à six chiffres")).to_be_visible()
    page.get_by_role(
        "button", name="Je n’ai pas mon téléphone : utiliser un code de secours"
    ).click()
    page.get_by_label("Jeton").fill(codes[0])
    page.get_by_role("button", name="Vérifier").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Tableau de bord")).to_be_visible()

    context.close()
    assert refused == []
