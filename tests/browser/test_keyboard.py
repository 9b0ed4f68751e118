"""The main flows with the keyboard alone: the council president, in Arabic,
finds their council by typing « فاس », opens their draft and submits it from its
page; ONMT staff log a meeting's minutes, and review a recommendation (a refusal
without an answer announced beside its field, then declined with one)."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from meetings.models import Meeting
from roadmaps.models import Recommendation

from ..helpers.browser import log_in, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DRAFT = "Brouillon : salon des métiers d'art (démo)"


def test_a_president_finds_the_council_and_submits_a_draft_in_arabic(chromium, live_server):
    call_command("seed_demo", force=True)
    page = log_in(chromium, live_server, "crt.fes")

    # The first Tab reaches the skip link; the language is chosen with the keyboard.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#content"
    tab_to(page, "العربيّة")
    page.keyboard.press("Enter")
    page.wait_for_selector("html[lang=ar][dir=rtl]")

    tab_to(page, "الشركاء")
    page.keyboard.press("Enter")
    page.wait_for_url("**/partners/")
    tab_to(page, "بحث")
    page.keyboard.type("فاس")
    page.keyboard.press("Enter")
    results = page.locator("#directory-results")
    expect(results).to_contain_text("المجلس الجهوي للسياحة فاس مكناس")
    expect(results).not_to_contain_text("ورزازات")

    tab_to(page, "التوصيات")
    page.keyboard.press("Enter")
    page.wait_for_url("**/recommendations/")
    tab_to(page, DRAFT)
    page.keyboard.press("Enter")
    expect(page.locator("[role=note]")).to_contain_text("هذه مسودة")
    tab_to(page, "إرسال إلى المكتب")
    page.keyboard.press("Enter")

    expect(page.locator(".alert-success")).to_contain_text("توصل المكتب الوطني المغربي للسياحة")
    assert Recommendation.objects.get(title=DRAFT).status == "submitted"
    assert page.csp_refused == []


def test_staff_log_the_minutes_with_the_keyboard_alone(chromium, live_server):
    call_command("seed_demo", force=True)
    meeting = Meeting.objects.get(starts_at__day=8, starts_at__month=7)
    page = log_in(chromium, live_server, "onmt.staff")
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/outcomes/")

    tab_to(page, "Compte rendu", limit=200)
    page.keyboard.press("Control+End")
    page.keyboard.type("\n\nAjout au clavier (démo).")
    tab_to(page, "Enregistrer", limit=200)
    page.keyboard.press("Enter")

    expect(page.locator(".alert-success")).to_be_visible()
    meeting.refresh_from_db()
    assert meeting.minutes.endswith("Ajout au clavier (démo).")
    assert page.csp_refused == []


def choose_decline(page):
    """Tab enters the decision's radio group; the arrows move within it."""
    tab_to(page, "Accepter dans un jalon existant")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.get_by_label("Refuser").is_checked()


def test_staff_review_and_decline_with_the_keyboard_alone(chromium, live_server):
    call_command("seed_demo", force=True)
    recommendation = Recommendation.objects.filter(status="submitted").first()
    page = log_in(chromium, live_server, "onmt.staff")
    page.goto(f"{live_server.url}/recommendations/{recommendation.pk}/review/")

    tab_to(page, "Prendre en examen")
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Enregistrer la décision")).to_be_visible()

    # Declining without an answer is refused, the error announced beside its field.
    choose_decline(page)
    tab_to(page, "Enregistrer la décision")
    page.keyboard.press("Enter")
    answer = page.get_by_label("Réponse au partenaire")
    expect(answer).to_have_attribute("aria-invalid", "true")
    described = answer.get_attribute("aria-describedby") or ""
    assert any(page.locator(f"#{ref}.invalid-feedback").count() for ref in described.split())

    expect(page.get_by_label("Refuser")).to_be_checked()  # the choice is kept
    tab_to(page, "Réponse au partenaire")
    page.keyboard.type("Hors du périmètre de l’ONMT (démo).")
    tab_to(page, "Enregistrer la décision")
    page.keyboard.press("Enter")

    expect(page.locator(".alert-success")).to_be_visible()
    recommendation.refresh_from_db()
    assert recommendation.status == "declined"
    assert page.csp_refused == []
