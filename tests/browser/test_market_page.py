"""A market's page in Chromium, as `make run` shows it after seed_demo: France's
published figures with their source, its recovery (76 % of 2019 arrivals in
2022), the chart drawn, in French and in Arabic; a council member whose work
has nothing to do with a market gets a 404."""

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

from ..helpers.browser import log_in
from ..helpers.factories import MembershipFactory, OrganizationFactory, UserFactory
from ..helpers.figures import pct

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIGN_AFTER = """el => {
    const node = el.firstChild, text = node.textContent, range = document.createRange();
    const x = (i) => { range.setStart(node, i); range.setEnd(node, i + 1);
                       return range.getBoundingClientRect().x; };
    return [x(text.search(/[0-9]/)), x(text.indexOf("%"))];
}"""


def test_france_in_french_and_arabic_with_its_published_figures(chromium, live_server):
    call_command("seed_demo", force=True)
    artifacts = settings.BASE_DIR / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    page = log_in(chromium, live_server, "delegate.fr")
    page.set_viewport_size({"width": 1280, "height": 900})

    # From the dashboard's row to the market's page.
    page.locator(".recovery-table a[href='/markets/FR/']").click()
    page.wait_for_url(f"{live_server.url}/markets/FR/")
    for language, direction, recovery, figure_2019 in (
        ("fr", "ltr", "de 2019 en 2022", "1\u00a0990\u00a0813"),
        ("ar", "rtl", "من مستوى 2019 في 2022", "1.990.813"),
    ):
        if language != "fr":
            page.locator(f"button[name=language][value={language}]").click()
        page.wait_for_selector(f"html[lang={language}][dir={direction}]")
        arrivals = page.locator(".market-metric[data-metric=arrivals]")
        expect(arrivals.locator(".recovery-headline")).to_contain_text(pct("76"))
        expect(arrivals.locator(".recovery-headline")).to_contain_text(recovery)
        # « 76 % » reads left to right in Arabic too: the sign after the digits.
        digits_x, sign_x = arrivals.locator(".recovery-headline .fs-5").evaluate(SIGN_AFTER)
        assert digits_x < sign_x
        row_2019 = arrivals.locator("tr[data-year='2019']")
        expect(row_2019.locator(".figure-value")).to_have_text(figure_2019)
        expect(row_2019.locator(".figure-source")).to_contain_text("data.gov.ma")
        expect(arrivals.locator("tr[data-year='2022'] td").nth(1)).to_have_text(pct("76"))
        # The chart is drawn: two bars, 2022 lower than 2019, the 2019 line across.
        bars = arrivals.locator("svg.chart-bars g.chart-bar rect")
        expect(bars).to_have_count(2)
        heights = [bars.nth(i).bounding_box()["height"] for i in range(2)]
        lower, higher = sorted(heights)
        assert 0.7 < lower / higher < 0.8  # 1,505,443 / 1,990,813
        expect(arrivals.locator("svg.chart-bars line.chart-baseline")).to_have_count(1)
        # In Arabic, 2019 stands on the right: time runs from right to left.
        x_2019 = arrivals.locator("g.chart-bar[data-year='2019'] rect").bounding_box()["x"]
        x_2022 = arrivals.locator("g.chart-bar[data-year='2022'] rect").bounding_box()["x"]
        assert (x_2019 > x_2022) == (direction == "rtl")
        # The demonstration target, labelled as such, and its status.
        target = page.locator(".targets-table tbody tr").first
        expect(target.locator(".demo-badge")).to_be_visible()
        expect(target.locator(".target-status")).to_have_class(
            "badge target-status target-no_data text-bg-secondary"
        )
        page.screenshot(path=str(artifacts / f"market-FR-{language}.png"), full_page=True)
    assert page.csp_refused == []
    page.context.close()


def test_a_council_member_of_an_unrelated_organization_gets_404(chromium, live_server):
    call_command("seed_demo", force=True)
    stranger = UserFactory(username="crt.ailleurs")
    stranger.set_password("portal-demo-2022")
    stranger.save()
    MembershipFactory(
        person__user=stranger,
        organization=OrganizationFactory(short_name="CRT Ailleurs (démo)"),
        role="president",
    )

    page = log_in(chromium, live_server, "crt.ailleurs")
    response = page.goto(f"{live_server.url}/markets/FR/")

    assert response.status == 404
    expect(page.locator("body")).not_to_contain_text("1\u00a0990\u00a0813")
    expect(page.locator("body")).not_to_contain_text("data.gov.ma")
    page.context.close()
