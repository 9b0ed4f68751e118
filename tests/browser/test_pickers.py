"""A searchable picker in Chromium: the recommendations filter lists no
organization until staff search; typing lists the matches (accents ignored),
choosing one filters the list, and a new search keeps the choice made."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from partners.models import Organization
from roadmaps.models import Recommendation

from ..helpers.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_search_an_organization_and_filter_the_list_by_it(chromium, live_server):
    call_command("seed_demo", force=True)
    fes = Organization.objects.get(short_name="CRT Fès-Meknès")
    expected = Recommendation.objects.filter(organization=fes).exclude(status="draft").count()
    assert expected > 0

    staff = log_in(chromium, live_server, "onmt.staff")
    staff.goto(f"{live_server.url}/recommendations/")
    picker = staff.get_by_label("Organisme", exact=True)
    expect(picker.locator("option")).to_have_count(1)  # « Tous », nothing else sent

    search = staff.get_by_role("searchbox", name="Rechercher pour voir plus de choix")
    search.fill("fes meknes")
    expect(picker.locator("optgroup option")).to_have_count(1)
    expect(picker.locator("optgroup")).to_have_attribute("label", "1 résultat")
    picker.select_option(label=str(fes))
    expect(staff).to_have_url(
        f"{live_server.url}/recommendations/?q=&status=&theme=&market=&organization={fes.pk}"
    )
    rows = staff.locator("#recommendation-results tbody tr")
    expect(rows).to_have_count(expected)
    for index in range(expected):
        expect(rows.nth(index)).to_contain_text("CRT Fès-Meknès")

    search.fill("rabat")
    expect(picker.locator("optgroup option")).to_have_count(1)
    expect(picker).to_have_value(str(fes.pk))  # the choice made stays chosen
    expect(rows).to_have_count(expected)
    assert staff.csp_refused == []
