"""A staff member logs in with Chromium and reads the portal in French, Arabic and English."""

import re

import pytest
from django.core.management import call_command

from onmt_portal.demo import DEFAULT_DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_logs_in_and_switches_between_french_arabic_and_english(live_server, page_fr):
    call_command("seed_demo", force=True)
    page = page_fr
    # Nothing may come from another host: the portal works on a closed network.
    foreign = []
    page.on(
        "request",
        lambda request: (
            foreign.append(request.url) if not request.url.startswith(live_server.url) else None
        ),
    )

    page.goto(f"{live_server.url}/")
    assert page.locator("h1").inner_text() == "Connexion"
    page.get_by_label("Nom d’utilisateur").fill("onmt.staff")
    page.get_by_label("Mot de passe").fill(DEFAULT_DEMO_PASSWORD)
    page.get_by_role("button", name="Connexion").click()

    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.locator("h1").inner_text() == "Tableau de bord"
    assert page.get_by_role("navigation").get_by_role("link", name="Tableau de bord").is_visible()
    # Bootstrap came from the portal itself and applies.
    assert page.locator(".navbar").evaluate("el => getComputedStyle(el).display") == "flex"

    # Django's own name for Arabic, in Arabic: العربيّة.
    page.get_by_role("button", name=re.compile("^العربي")).click()
    page.wait_for_selector("html[dir=rtl]")
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("h1").inner_text() == "لوحة القيادة"
    assert page.get_by_role("navigation").get_by_role("link", name="لوحة القيادة").is_visible()
    stylesheets = page.eval_on_selector_all("link[rel=stylesheet]", "els => els.map(e => e.href)")
    assert any("bootstrap.rtl.min.css" in href for href in stylesheets)

    page.get_by_role("button", name="English").click()
    page.wait_for_selector("html[lang=en]")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.locator("h1").inner_text() == "Dashboard"

    assert foreign == []
