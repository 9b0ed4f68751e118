"""The recommendation loop in Chromium: a council submits, ONMT accepts into a new
milestone, the council sees the answer, another council finds nothing."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from roadmaps import selectors
from roadmaps.models import Milestone, Recommendation, Roadmap

from ..helpers.browser import log_in
from ..helpers.figures import pct

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_submit_review_accept_into_a_new_milestone_and_read_the_answer(chromium, live_server):
    call_command("seed_demo", force=True)

    fes = log_in(chromium, live_server, "crt.fes")
    fes.goto(f"{live_server.url}/recommendations/")
    fes.get_by_role("link", name="Rédiger une recommandation").click()
    fes.get_by_label("France (FR)").check()
    fes.get_by_label("Thème").select_option(label="Digital")
    fes.get_by_label("Titre").fill("Vidéos courtes sur la médina de Fès")
    fes.get_by_label("Texte").fill("Produire des vidéos courtes pour les réseaux sociaux français.")
    fes.get_by_role("button", name="Soumettre à l’ONMT").click()
    expect(fes.locator(".alert-success")).to_contain_text("L’ONMT a bien reçu votre recommandation")
    recommendation = Recommendation.objects.get(title="Vidéos courtes sur la médina de Fès")
    assert recommendation.status == "submitted"

    staff = log_in(chromium, live_server, "onmt.staff")
    staff.goto(f"{live_server.url}/recommendations/?status=submitted")
    staff.get_by_role("link", name="Vidéos courtes sur la médina de Fès").click()
    staff.get_by_role("link", name="Examiner").click()
    staff.get_by_role("button", name="Prendre en examen").click()
    staff.get_by_label("Accepter dans un nouveau jalon").check()
    current = Roadmap.objects.get(market__code="FR", status="active")  # the demo's current one
    # A searchable picker, scoped by the recommendation.
    roadmaps = staff.get_by_label("Feuille de route du nouveau jalon", exact=True)
    staff.get_by_role("searchbox", name="Rechercher les feuilles de route").fill("FR")
    expect(roadmaps.locator("optgroup option", has_text=current.title)).to_have_count(1)
    roadmaps.select_option(label=current.title)
    staff.get_by_role("textbox", name="Nouveau jalon").fill("Série de vidéos Fès pour la France")
    due = timezone.localdate() + datetime.timedelta(days=30)
    staff.get_by_label("Échéance").fill(due.isoformat())
    staff.get_by_label("Réponse au partenaire").fill(
        "Bonne idée : intégrée à la campagne d’automne."
    )
    staff.get_by_label("Notes d’examen internes").fill("Coût à valider avec la direction.")
    staff.get_by_role("button", name="Enregistrer la décision").click()
    expect(staff.locator(".alert-success")).to_contain_text("décision est enregistrée")
    milestone = Milestone.objects.get(title="Série de vidéos Fès pour la France")
    assert milestone.roadmap.market.code == "FR"
    # The History panel is loaded when opened (htmx), the decision in it.
    staff.goto(f"{live_server.url}/recommendations/{recommendation.pk}/")
    entries = staff.locator(".history-panel .history-entries")
    expect(entries).not_to_contain_text("Acceptée")
    staff.locator(".history-panel summary").click()
    expect(entries).to_contain_text("Acceptée")
    expect(entries).to_contain_text("Bonne idée : intégrée à la campagne d’automne.")
    assert staff.csp_refused == []
    staff.context.close()

    fes.goto(f"{live_server.url}/recommendations/{recommendation.pk}/")
    main = fes.locator("main")
    expect(main).to_contain_text("Acceptée")
    expect(main).to_contain_text("Bonne idée : intégrée à la campagne d’automne.")
    expect(main).to_contain_text("Série de vidéos Fès pour la France")
    expect(main).not_to_contain_text("Coût à valider")
    assert fes.csp_refused == []
    fes.context.close()

    rabat = log_in(chromium, live_server, "crt.rabat")
    response = rabat.goto(f"{live_server.url}/recommendations/{recommendation.pk}/")
    assert response.status == 404
    rabat.goto(f"{live_server.url}/recommendations/")
    expect(rabat.locator("#recommendation-results")).not_to_contain_text("Vidéos courtes")
    assert rabat.csp_refused == []
    rabat.context.close()

    # The FR delegate moves the new milestone forward from the roadmap page, in place.
    delegate = log_in(chromium, live_server, "delegate.fr")
    delegate.goto(f"{live_server.url}/roadmaps/{milestone.roadmap_id}/")
    row = delegate.locator(f"#milestone-{milestone.pk}")
    before = delegate.locator("#roadmap-summary .progress-bar").inner_text()
    row.get_by_label("Avancement (%)").fill("40")
    row.get_by_role("button", name="Mettre à jour").click()
    expect(delegate.locator(f"#milestone-{milestone.pk} .progress-bar")).to_have_text(pct("40"))
    expect(delegate.locator(f"#milestone-{milestone.pk}")).to_contain_text("En cours")
    milestone.refresh_from_db()
    assert (milestone.progress, milestone.status) == (40, "in_progress")
    # The roadmap's overall progress follows, without a reload.
    expected = selectors.roadmap_summary(list(milestone.roadmap.milestones.all()))["progress"]
    expect(delegate.locator("#roadmap-summary .progress-bar")).to_have_text(pct(expected))
    assert before != pct(expected)
    assert delegate.csp_refused == []
    delegate.context.close()
