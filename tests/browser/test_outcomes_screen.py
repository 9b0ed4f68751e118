"""In Chromium, on a meeting's outcomes screen: a follow-up milestone refused for
a missing date comes back in place, its field named, everything typed kept —
the minutes typed above and not yet saved included."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import Meeting
from partners.models import Market, Organization
from roadmaps.models import Milestone, Roadmap

from ..helpers.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
FOLLOW_UP = "Relancer les tour-opérateurs (démo)"
MINUTES = "Les professionnels demandent une campagne commune (démo)."


def test_a_follow_up_refused_then_added_never_loses_the_minutes(chromium, live_server):
    call_command("seed_demo", force=True)
    start = timezone.now() - datetime.timedelta(days=1)
    meeting = Meeting.objects.create(
        title="Point France (démo)",
        kind=Meeting.Kind.WORKSHOP,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        organizer=Organization.objects.get(short_name="ONMT"),
        status=Meeting.Status.HELD,
    )
    meeting.markets.add(Market.objects.get(code="FR"))
    roadmap = Roadmap.objects.get(market__code="FR", status="active")
    page = log_in(chromium, live_server, "onmt.staff")
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/outcomes/")

    page.get_by_label("Compte rendu").fill(MINUTES)
    panel = page.locator("#followup-panel")
    panel.get_by_label("Feuille de route").select_option(str(roadmap.pk))
    panel.get_by_label("Jalon de suivi").fill(FOLLOW_UP)
    panel.get_by_role("button", name="Ajouter", exact=True).click()

    date_field = page.locator("#followup-panel #id_due_date")
    expect(date_field).to_have_class("dateinput form-control is-invalid")
    expect(page.locator("#followup-panel")).to_contain_text("Ce champ est obligatoire")
    expect(panel.get_by_label("Jalon de suivi")).to_have_value(
        "Relancer les tour-opérateurs (démo)"
    )
    expect(page.get_by_label("Compte rendu")).to_have_value(MINUTES)

    date_field.fill((timezone.localdate() + datetime.timedelta(days=30)).isoformat())
    page.locator("#followup-panel").get_by_role("button", name="Ajouter", exact=True).click()
    expect(page.locator("#followup-panel [role=status]")).to_contain_text("est ajouté")
    expect(page.get_by_label("Compte rendu")).to_have_value(MINUTES)
    assert Milestone.objects.filter(source_meeting=meeting).count() == 1
    assert page.csp_refused == []
