"""A council's draft: saved with only its title, submitted from its own page once
complete, each missing field named, and a confirmation that ONMT received it."""

import re

import pytest
from django.db import IntegrityError, transaction

from roadmaps.models import Recommendation

from ..helpers.factories import (
    MarketFactory,
    MembershipFactory,
    RecommendationFactory,
)

pytestmark = pytest.mark.django_db


def draft_of(fes, **fields):
    recommendation = RecommendationFactory(
        organization=fes[0], author=fes[1], status="draft", **fields
    )
    assert recommendation.status == "draft"
    return recommendation


def test_a_draft_needs_only_its_title(client, council_fes, fes):
    client.force_login(council_fes)

    response = client.post(
        "/recommendations/new/",
        {"organization": fes[0].pk, "priority": "medium", "title": "Idée à mûrir", "draft": "1"},
        follow=True,
    )

    draft = Recommendation.objects.get()
    assert (draft.status, draft.theme, draft.body, draft.markets.count()) == ("draft", "", "", 0)
    page = response.content.decode()
    assert "ONMT ne le voit pas tant que vous n’avez pas appuyé sur" in page
    assert f'action="/recommendations/{draft.pk}/submit/"' in page


def test_the_form_marks_what_submitting_needs(client, council_fes, fes):
    MarketFactory(code="FR", name="France")
    client.force_login(council_fes)

    page = client.get("/recommendations/new/").content.decode()

    assert "Un brouillon n’a besoin que de son titre" in page
    assert 'Marchés<span class="asteriskField">*</span></legend>' in page
    assert re.search(r'<input type="checkbox" name="markets"[^>]*class="form-check-input"', page)


def test_submitting_an_empty_form_names_each_missing_field_and_creates_nothing(
    client, council_fes, fes
):
    client.force_login(council_fes)

    response = client.post(
        "/recommendations/new/",
        {"organization": fes[0].pk, "priority": "high", "title": "Garder ce titre", "submit": "1"},
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"markets", "theme", "body"}
    assert 'value="Garder ce titre"' in response.content.decode()
    assert Recommendation.objects.count() == 0


def test_a_complete_draft_is_submitted_from_its_page_with_a_confirmation(client, council_fes, fes):
    draft = draft_of(fes)
    client.force_login(council_fes)

    response = client.post(
        f"/recommendations/{draft.pk}/submit/", {"version": draft.version}, follow=True
    )

    draft.refresh_from_db()
    assert draft.status == "submitted" and draft.submitted_at is not None
    page = response.content.decode()
    assert "L’ONMT a bien reçu votre recommandation" in page
    assert f'action="/recommendations/{draft.pk}/submit/"' not in page  # submitted once


def test_an_incomplete_draft_opens_in_its_form_with_the_gaps_named(client, council_fes, fes):
    draft = draft_of(fes, body="", theme="")
    draft.markets.clear()
    client.force_login(council_fes)

    response = client.post(f"/recommendations/{draft.pk}/submit/", {"version": draft.version})

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"markets", "theme", "body"}
    page = response.content.decode()
    assert f'action="/recommendations/{draft.pk}/edit/"' in page
    assert f'value="{draft.title}"' in page
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_a_stale_page_cannot_submit(client, council_fes, fes):
    draft = draft_of(fes)
    client.force_login(council_fes)

    response = client.post(
        f"/recommendations/{draft.pk}/submit/", {"version": draft.version - 1}, follow=True
    )

    assert "Quelqu’un d’autre a enregistré" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_an_outsider_can_neither_see_nor_submit_a_draft(client, council_rabat, fes):
    draft = draft_of(fes)
    MembershipFactory(person__user=council_rabat, role="president")
    client.force_login(council_rabat)

    assert client.get(f"/recommendations/{draft.pk}/").status_code == 404
    response = client.post(f"/recommendations/{draft.pk}/submit/", {"version": draft.version})

    assert response.status_code == 404
    assert draft.title not in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_staff_cannot_submit_for_a_council(client, staff, fes):
    draft = draft_of(fes)
    client.force_login(staff)

    response = client.post(f"/recommendations/{draft.pk}/submit/", {"version": draft.version})

    assert response.status_code in (403, 404)
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_a_submitted_recommendation_cannot_be_emptied(client, council_fes, fes):
    submitted = RecommendationFactory(organization=fes[0], author=fes[1], status="submitted")
    client.force_login(council_fes)

    response = client.post(
        f"/recommendations/{submitted.pk}/edit/",
        {
            "title": "Sans texte",
            "priority": "low",
            "version": submitted.version,
            "draft": "1",
        },
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"markets", "theme", "body"}
    submitted.refresh_from_db()
    assert submitted.body and submitted.title != "Sans texte"


def test_the_database_refuses_a_submitted_recommendation_without_text(fes):
    submitted = RecommendationFactory(organization=fes[0], author=fes[1], status="submitted")

    with pytest.raises(IntegrityError), transaction.atomic():
        Recommendation.objects.filter(pk=submitted.pk).update(body="")


def test_markets_choice_is_styled_and_kept_after_an_error(client, council_fes, fes):
    fr = MarketFactory(code="FR", name="France")
    client.force_login(council_fes)

    response = client.post(
        "/recommendations/new/",
        {"organization": fes[0].pk, "markets": [fr.pk], "priority": "low", "submit": "1"},
    )

    checkbox = re.search(
        rf'<input type="checkbox" name="markets" value="{fr.pk}"[^>]*>', response.content.decode()
    )
    assert checkbox and "checked" in checkbox.group(0)
    assert "title" in response.context["form"].errors
