"""Staff plan a meeting, log it and publish it; each partner sees exactly what is theirs."""

import datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import Meeting

from ..helpers.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def invite(page, name):
    page.get_by_label("Inviter une personne").fill(name)
    page.locator("#people-results button", has_text=name).click()
    expect(page.locator("#participants-section")).to_contain_text(name)


def test_staff_plan_log_and_publish_then_only_participants_read_the_minutes(chromium, live_server):
    call_command("seed_demo", force=True)
    yesterday = timezone.localtime() - datetime.timedelta(days=1)
    page = log_in(chromium, live_server, "onmt.staff")

    page.goto(f"{live_server.url}/meetings/new/")
    page.get_by_label("Titre").fill("Atelier promotion Fès-Meknès")
    page.get_by_label("Type").select_option(label="Atelier")
    page.get_by_label("Commence à").fill(yesterday.strftime("%Y-%m-%dT09:00"))
    page.get_by_label("Se termine à").fill(yesterday.strftime("%Y-%m-%dT12:00"))
    page.get_by_label("Lieu").fill("Fès")
    page.get_by_label("Organisateur").select_option(
        label="Office National Marocain du Tourisme (ONMT)"
    )
    invite(page, "Aziz Lebbar")
    invite(page, "Siham Rida")
    titles = page.locator("#agenda-section input[name$='-title']")
    for count, title in enumerate(("Bilan de la saison", "Campagne d’automne"), start=1):
        page.get_by_role("button", name="Ajouter un point à l’ordre du jour").click()
        expect(titles).to_have_count(count)  # htmx swapped the new row in
        titles.last.fill(title)
    # Moving the second item up keeps both texts.
    page.get_by_role("button", name="Monter").last.click()
    expect(page.locator("#agenda-section input[name='agenda-0-title']")).to_have_value(
        "Campagne d’automne"
    )
    page.get_by_role("button", name="Enregistrer la réunion").click()

    expect(page.locator("h1")).to_have_text("Atelier promotion Fès-Meknès")
    meeting = Meeting.objects.get(title="Atelier promotion Fès-Meknès")
    assert meeting.participants.count() == 2
    assert list(meeting.agenda_items.values_list("title", flat=True)) == [
        "Campagne d’automne",
        "Bilan de la saison",
    ]

    page.get_by_role("link", name="Présences, compte rendu et conclusions").click()
    for select in page.locator("select[name$='-attendance']").all():
        select.select_option(label="Présent")
    page.get_by_label("Compte rendu").fill("Les professionnels demandent une **campagne commune**.")
    page.get_by_role("button", name="Ajouter une conclusion").click()
    page.locator("select[name='outcomes-0-kind']").select_option(label="Décision")
    page.locator("textarea[name='outcomes-0-text']").fill("Lancer la campagne d’automne en France")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.locator(".alert-success")).to_contain_text("enregistrés")

    page.get_by_role("button", name="Marquer comme tenue").click()
    # Publishing asks first: said no, nothing happens; said yes, the minutes go out.
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="Publier le compte rendu").click()
    page.wait_for_timeout(300)
    assert asked and "ne pourra plus être dépublié" in asked[0]
    meeting.refresh_from_db()
    assert meeting.status == "held"
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Publier le compte rendu").click()
    expect(page.locator(".alert-success")).to_contain_text("publié")
    meeting.refresh_from_db()
    assert meeting.status == "published"
    assert page.csp_refused == []
    page.context.close()

    fes = log_in(chromium, live_server, "crt.fes")
    fes.goto(f"{live_server.url}/meetings/?when=past")
    fes.get_by_role("link", name="Atelier promotion Fès-Meknès").click()
    expect(fes.locator(".minutes")).to_contain_text("campagne commune")
    expect(fes.locator("main")).to_contain_text("Lancer la campagne d’automne en France")
    with fes.expect_download() as download:
        fes.get_by_role("link", name="Télécharger le compte rendu (PDF)").click()
    pdf = download.value
    assert pdf.suggested_filename == f"minutes-{meeting.pk}.pdf"
    assert Path(pdf.path()).read_bytes().startswith(b"%PDF-")
    assert fes.csp_refused == []
    fes.context.close()

    rabat = log_in(chromium, live_server, "crt.rabat")
    rabat.goto(f"{live_server.url}/meetings/?when=past")
    expect(rabat.locator("#meeting-results")).not_to_contain_text("Atelier promotion")
    response = rabat.goto(f"{live_server.url}/meetings/{meeting.pk}/")
    assert response.status == 404
    rabat.context.close()
