"""Limits that agree with the largest form, and error pages that tell the truth:
in the portal's layout and the reader's language, with what to do next and the
request's reference."""

import datetime

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.utils import timezone

from meetings.forms import AttendanceFormSet, OutcomeFormSet
from meetings.models import Meeting
from onmt_portal.errors import server_error

from ..helpers.factories import MeetingFactory, ParticipantFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_the_largest_form_fits_the_request_limits():
    """The outcomes screen at its maximum: every participant's attendance, every outcome."""
    fields = (
        AttendanceFormSet.max_num * len(AttendanceFormSet.form.base_fields)
        + OutcomeFormSet.max_num * len(OutcomeFormSet.form.base_fields)
        + 2 * 4  # two management forms
        + 4  # version, minutes, the action, the CSRF token
    )
    assert fields > 1000  # Django's default would refuse it
    assert fields <= settings.DATA_UPLOAD_MAX_NUMBER_FIELDS


def test_an_outcomes_screen_at_full_size_is_saved(client, staff):
    start = timezone.now() - datetime.timedelta(days=1)
    meeting = MeetingFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=3))
    people = PersonFactory.create_batch(500)
    participants = [ParticipantFactory(meeting=meeting, person=person) for person in people]
    data = {
        "version": meeting.version,
        "minutes": "Compte rendu " * 2000,
        "action": "save",
        "attendance-TOTAL_FORMS": len(participants),
        "attendance-INITIAL_FORMS": 0,
        "outcomes-TOTAL_FORMS": 500,
        "outcomes-INITIAL_FORMS": 0,
    }
    for index, participant in enumerate(participants):
        data[f"attendance-{index}-participant"] = participant.pk
        data[f"attendance-{index}-attendance"] = "attended"
    for index in range(500):
        data.update(  # every field of the row, as the browser sends them
            {
                f"outcomes-{index}-id": "",
                f"outcomes-{index}-kind": "decision",
                f"outcomes-{index}-text": f"Décision {index}",
                f"outcomes-{index}-organization": "",
                f"outcomes-{index}-market": "",
            }
        )
    assert len(data) > 3000
    client.force_login(staff)

    response = client.post(f"/meetings/{meeting.pk}/outcomes/", data)

    assert response.status_code == 302
    assert meeting.outcomes.count() == 500
    assert Meeting.objects.get(pk=meeting.pk).minutes.startswith("Compte rendu")


def test_a_request_over_the_limit_gets_the_portals_page_not_a_bare_one(client, staff):
    client.force_login(staff)
    too_many = {f"field{index}": "x" for index in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    response = client.post("/meetings/new/", too_many, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 400
    html = response.content.decode()
    assert '<html lang="fr" dir="ltr">' in html
    assert "Rien n’a été enregistré" in html
    assert "navigateur" in html
    assert response["X-Request-ID"] in html


@pytest.mark.parametrize(
    ("language", "direction", "words"),
    [
        ("fr", "ltr", "Page introuvable"),
        ("ar", "rtl", "الصفحة غير موجودة"),
        ("en", "ltr", "Page not found"),
    ],
)
def test_a_missing_page_is_the_portals_own_in_the_readers_language(
    client, staff, language, direction, words
):
    client.force_login(staff)
    response = client.get("/meetings/999999/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in html
    assert words in html
    assert response["X-Request-ID"] in html


def test_a_request_id_given_by_the_proxy_is_kept_and_a_bad_one_replaced(client):
    assert client.get("/healthz/", HTTP_X_REQUEST_ID="proxy-ref-12345")["X-Request-ID"] == (
        "proxy-ref-12345"
    )
    replaced = client.get("/healthz/", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"]
    assert replaced != "<script>" and len(replaced) == 16


def test_after_an_error_on_a_write_the_page_says_it_may_be_saved_and_links_back():
    from django.utils import translation

    request = RequestFactory().post("/meetings/7/outcomes/")
    request.request_id = "abc123def456"
    with translation.override("fr"):
        response = server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert "a peut-être été enregistrée" in html
    assert 'href="/meetings/7/outcomes/"' in html
    assert "abc123def456" in html


def test_the_portal_serves_its_own_500_page(client, staff, settings):
    from django.urls import get_resolver

    assert get_resolver().resolve_error_handler(500) is server_error


def test_a_form_without_its_csrf_token_says_what_happened(staff):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    response = client.post("/meetings/new/", {"title": "x"}, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 403
    assert "Le formulaire a expiré" in response.content.decode()
