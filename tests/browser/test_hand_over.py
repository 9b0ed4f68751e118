"""In Chromium: the admin passes CRT Rabat-Salé-Kénitra's presidency to someone
else and gives the outgoing president's open milestones to ONMT staff in the
same screen; the former president's next request is refused."""

import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from partners.models import Person
from roadmaps.models import Milestone, Roadmap

from ..helpers.browser import log_in
from ..helpers.factories import MilestoneFactory, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def pick(page, field_id, text):
    """Choose in one of the admin's autocomplete pickers (select2)."""
    page.locator(f"#{field_id} + .select2 .select2-selection").click()
    page.locator(".select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def test_the_admin_hands_over_a_presidency_and_its_open_work(chromium, live_server):
    call_command("seed_demo", force=True)
    bargach = Person.objects.get(last_name="Bargach")
    roadmap = Roadmap.objects.filter(status="active").order_by("pk").first()
    milestone = MilestoneFactory(
        roadmap=roadmap, owner=bargach, title="Salon RSK (démo)", due_date=roadmap.ends_on
    )
    PersonFactory(first_name="Nouvelle", last_name="Présidence (démo)")
    staff = Person.objects.get(user__username="onmt.staff")

    former = log_in(chromium, live_server, "crt.rabat")
    admin = log_in(chromium, live_server, "admin")

    admin.goto(f"{live_server.url}/admin/partners/organization/")
    admin.get_by_role("link", name=re.compile("Rabat-Salé-Kénitra")).first.click()
    admin.get_by_role("link", name="Transmettre la présidence").click()
    expect(admin.get_by_role("heading", name="Transmettre un mandat")).to_be_visible()
    expect(admin.locator("#content-main")).to_contain_text("Salon RSK (démo)")

    pick(admin, "id_person", "Présidence (démo)")
    admin.locator("#id_start_date").fill(timezone.localdate().isoformat())
    pick(admin, "id_give_milestones", "Équipe ONMT")
    admin.get_by_role("button", name="Transmettre").click()
    expect(admin.locator(".messagelist")).to_contain_text("Le mandat a été transmis")

    milestone.refresh_from_db()
    assert milestone.owner == staff
    refused = former.goto(f"{live_server.url}/recommendations/")
    assert refused.status == 403
    expect(former.locator("main")).to_contain_text("aucun mandat en cours")
    assert not Milestone.objects.filter(owner=bargach).exclude(status="done").exists()
    for page in (former, admin):
        assert page.csp_refused == [], page.csp_refused
        page.context.close()
