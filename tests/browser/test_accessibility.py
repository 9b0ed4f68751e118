"""axe-core over every main page, as a council president, as ONMT staff and as
the admin, in French, Arabic and English on a 1280 px screen and in French and
Arabic on a 390 px phone — forms with their errors and htmx fragments after they
swap in included. No serious or critical violation, no page wider than the
screen, and on the phone no table cell beyond its edge and no choice cut short.
Each page's screenshot is kept in test-artifacts/screens/."""

import re

import pytest
from django.conf import settings
from django.core.management import call_command

from roadmaps.models import Roadmap

from ..helpers.browser import accessibility_violations, log_in, out_of_view
from ..helpers.demo_pages import main_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENS = [("fr", 1280), ("ar", 1280), ("en", 1280), ("fr", 390), ("ar", 390)]


def _audit(page, url: str, found: list, shot: str) -> None:
    where = f"{url} [{page.locator('html').get_attribute('lang')}, {page.viewport_size['width']}]"
    violations = accessibility_violations(page)
    found.extend(f"{where}: {violation}" for violation in violations)
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > page.viewport_size["width"]:
        found.append(f"{where}: the page is {width} px wide")
    if page.viewport_size["width"] < 576:
        found.extend(f"{where}: {problem}" for problem in out_of_view(page))
    page.screenshot(path=shot, full_page=True)


@pytest.mark.parametrize("role", ["crt.fes", "onmt.staff", "admin"])
def test_no_serious_violation_anywhere(chromium, live_server, role):
    call_command("seed_demo", force=True)
    screens = settings.BASE_DIR / "test-artifacts" / "screens"
    screens.mkdir(parents=True, exist_ok=True)
    page = log_in(chromium, live_server, role)
    found = []
    for language, width in SCREENS:
        page.set_viewport_size({"width": width, "height": 900})
        page.context.add_cookies(
            [{"name": "portal_language", "value": language, "url": live_server.url}]
        )
        for url in main_pages(role):
            page.goto(f"{live_server.url}{url}")
            assert page.locator("html").get_attribute("lang") == language, url
            slug = re.sub(r"[^a-z0-9]+", "-", url.lower()).strip("-") or "home"
            _audit(page, url, found, str(screens / f"{role}-{language}-{width}-{slug}.png"))
            if url.endswith("/export/") and width == 1280:
                # The « select all » toggle works under the CSP (admin.js binds it).
                fields = page.locator(".selectable-field-export-row input[type=checkbox]")
                assert fields.count() > 1 and all(box.is_checked() for box in fields.all())
                page.locator("#select-all-toggle").click()
                assert not any(box.is_checked() for box in fields.all())
            if url == "/admin/partners/organization/":
                # Django writes the search icon's alt in English; admin.js relabels it.
                icon = page.locator("label[for=searchbar] img")
                button = page.locator("#changelist-search input[type=submit]")
                assert icon.get_attribute("alt") == button.get_attribute("value")
                assert language == "en" or icon.get_attribute("alt") != "Search"
        if role == "crt.fes":
            # A form with its errors.
            page.goto(f"{live_server.url}/recommendations/new/")
            page.locator("form button[name=submit]").click()
            page.wait_for_selector(".invalid-feedback, .alert-danger")
            shot = screens / f"{role}-{language}-{width}-form-errors.png"
            _audit(page, "new recommendation, with errors", found, str(shot))
        if role == "onmt.staff":
            # An htmx fragment after it swapped in: a milestone's inline progress.
            roadmap = Roadmap.objects.filter(market__code="FR").order_by("-starts_on").first()
            page.goto(f"{live_server.url}/roadmaps/{roadmap.pk}/")
            row = page.locator(".timeline > li").first
            row.locator("input[name=progress]").fill("40")
            row.get_by_role("button").first.click()
            page.wait_for_load_state("networkidle")
            shot = screens / f"{role}-{language}-{width}-inline-update.png"
            _audit(page, "roadmap after an inline update", found, str(shot))
    assert page.csp_refused == []
    page.context.close()
    (screens / f"{role}-findings.txt").write_text("\n".join(found) or "nothing found\n")
    assert found == []
