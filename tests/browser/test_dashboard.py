"""The dashboard in Chromium, in French, Arabic (right to left) and English, with its
charts; a screenshot of each is kept in test-artifacts/."""

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

from ..helpers.browser import log_in
from ..helpers.figures import pct

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_dashboard_renders_in_three_languages_with_its_charts(chromium, live_server):
    call_command("seed_demo", force=True)
    artifacts = settings.BASE_DIR / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    page = log_in(chromium, live_server, "delegate.fr")
    page.set_viewport_size({"width": 1280, "height": 900})

    for language, direction, heading in (
        ("fr", "ltr", "Reprise par rapport à 2019"),
        ("ar", "rtl", "التعافي مقارنةً بسنة 2019"),
        ("en", "ltr", "Recovery against 2019"),
    ):
        page.locator(f"button[name=language][value={language}]").click()
        page.wait_for_selector(f"html[lang={language}][dir={direction}]")
        expect(page.locator("#recovery-title")).to_have_text(heading)
        # Furthest from 2019 first (China, at 20 % of its 2019 arrivals in 2022),
        # each row with its chart; France, the delegate's market, marked.
        first = page.locator(".recovery-table tbody tr").first
        expect(first).to_have_attribute("data-market", "CN")
        expect(first.locator("svg.mini-bars rect")).to_have_count(2)
        france = page.locator(".recovery-table tr[data-market=FR]")
        expect(france).to_have_class("table-info")
        expect(france.locator("td").first).to_contain_text(pct("76"))
        page.screenshot(path=str(artifacts / f"dashboard-{language}.png"), full_page=True)
    assert page.csp_refused == []
    page.context.close()
