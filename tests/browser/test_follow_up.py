"""In Chromium: the president of CRT Fès-Meknès answers an invitation in Arabic by
naming a substitute, and answers ONMT's question from the inbox in French."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from meetings.demo import WORKSHOP
from meetings.models import Participant
from roadmaps.models import Recommendation

from ..helpers.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
GUIDES = "Associer les guides locaux aux eductours (démo)"


def test_a_president_names_a_substitute_and_answers_a_question(chromium, live_server):
    call_command("seed_demo", force=True)

    # ONMT asks CRT Fès-Meknès a question about its recommendation (French).
    staff = log_in(chromium, live_server, "onmt.staff")
    staff.goto(f"{live_server.url}/recommendations/")
    staff.get_by_role("link", name=GUIDES).click()
    staff.get_by_label("Message").fill("Combien de guides faut-il associer ?")
    staff.get_by_role("button", name="Envoyer", exact=True).click()
    expect(staff.locator(".alert-success")).to_contain_text("message est envoyé")
    assert Recommendation.objects.get(title=GUIDES).status == "needs_information"
    staff.context.close()

    # In Arabic, from the inbox: the invitation, answered by sending a substitute.
    fes = log_in(chromium, live_server, "crt.fes")
    fes.locator("button[name=language][value=ar]").click()
    fes.wait_for_selector("html[lang=ar][dir=rtl]")
    fes.get_by_role("link", name="للمعالجة").click()
    expect(fes.locator(".inbox-items li")).to_have_count(2)
    fes.locator(".inbox-items li[data-kind=invitation] a").click()
    fes.get_by_label("يرسل من ينوب عنه").check()
    fes.get_by_label("من يحضر مكانك").select_option(label="Membre du CRT Fès-Meknès (démo)")
    fes.get_by_role("button", name="إرسال جوابي").click()
    expect(fes.locator(".alert-success")).to_contain_text("تم تسجيل جوابك")
    expect(fes.locator(".current-response")).to_have_text("يرسل من ينوب عنه")
    seat = Participant.objects.get(meeting__title=WORKSHOP, person__user__username="crt.fes")
    assert (seat.response, seat.substitute.first_name) == (
        "substituted",
        "Membre du CRT Fès-Meknès",
    )
    assert Participant.objects.filter(meeting__title=WORKSHOP, person=seat.substitute).exists()

    # In French, from the inbox: the question, answered.
    fes.locator("button[name=language][value=fr]").click()
    fes.wait_for_selector("html[lang=fr][dir=ltr]")
    fes.get_by_role("link", name="À traiter").click()
    expect(fes.locator(".inbox-items li")).to_have_count(1)
    fes.locator(".inbox-items li[data-kind=question] a").click()
    expect(fes.locator("#conversation")).to_contain_text("Combien de guides faut-il associer ?")
    fes.get_by_label("Message").fill("Six guides de la médina, formés en avril.")
    fes.get_by_role("button", name="Envoyer ma réponse").click()
    expect(fes.locator(".alert-success")).to_contain_text("message est envoyé")
    assert Recommendation.objects.get(title=GUIDES).status == "under_review"
    fes.get_by_role("link", name="À traiter").click()
    expect(fes.locator(".alert-success")).to_contain_text("Rien ne vous attend")
    assert fes.csp_refused == []
    fes.context.close()
