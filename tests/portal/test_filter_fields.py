"""The filter rows of the lists and the message form (core/templatetags/portal_forms.py): labelled
Bootstrap controls, errors tied to their field, and what the rows count."""

import re

import pytest

from ..helpers.factories import (
    MeetingFactory,
    MembershipFactory,
    ParticipantFactory,
    RecommendationFactory,
)

pytestmark = pytest.mark.django_db


def test_a_wrong_date_is_said_next_to_its_field_and_tied_to_it(client, staff):
    client.force_login(staff)

    page = client.get("/meetings/", {"date_from": "pas une date", "when": "past"})

    html = page.content.decode()
    assert page.status_code == 200
    control = re.search(r'<input type="date" name="date_from"[^>]*>', html).group(0)
    assert 'id="id_date_from"' in control
    assert "is-invalid" in control
    assert 'aria-invalid="true"' in control
    error_id = re.search(r'aria-describedby="([^"]+)"', control).group(1)
    assert re.search(
        rf'<span id="{error_id}" class="invalid-feedback d-block">'
        r"<strong>Saisissez une date valide",
        html,
    )
    assert '<label for="id_date_from" class="form-label">Du</label>' in html
    # The other fields are as they were, without an error.
    status = re.search(r'<select name="status"[^>]*>', html).group(0)
    assert 'class="select form-select"' in status
    assert "aria-invalid" not in status


def test_the_directory_row_has_its_checkbox_labelled_and_its_selects(client, staff):
    client.force_login(staff)

    html = client.get("/partners/", {"archived": "on"}).content.decode()

    assert re.search(
        r'<div class="form-check"><input type="checkbox" name="archived" '
        r'class="checkboxinput form-check-input" id="id_archived" checked>'
        r'<label for="id_archived" class="form-check-label">Inclure les archives</label>',
        html,
    )
    assert re.search(r'<select name="region" class="select form-select" id="id_region">', html)


def test_each_meeting_row_counts_its_own_participants(client, staff):
    crowded, alone = MeetingFactory.create_batch(2)
    ParticipantFactory.create_batch(3, meeting=crowded)
    ParticipantFactory(meeting=alone)
    client.force_login(staff)

    page = client.get("/meetings/")

    counts = {meeting.pk: meeting.participant_count for meeting in page.context["page"]}
    assert counts == {crowded.pk: 3, alone.pk: 1}


def test_the_message_form_under_a_recommendation_has_its_mark_and_help(client, staff):
    """The conversation's form (templates/roadmaps/_conversation.html) is written
    by the same filter: the required mark, the help text tied to its field."""
    recommendation = RecommendationFactory(status="submitted")
    client.force_login(staff)

    html = client.get(f"/recommendations/{recommendation.pk}/").content.decode()

    assert re.search(
        r'<label for="id_body" class="form-label requiredField">Message'
        r'<span class="asteriskField">\*</span></label>',
        html,
    )
    body = re.search(r'<textarea name="body"[^>]*>', html).group(0)
    assert 'aria-describedby="id_body_helptext"' in body
    assert "required" in body
    assert re.search(r'<div id="id_body_helptext" class="form-text">Mise en forme', html)
    # ONMT staff may make it an internal note; the checkbox is labelled.
    assert '<label for="id_internal" class="form-check-label">Note interne' in html


def test_a_council_member_gets_no_internal_note_box(client, council_fes):
    organization = MembershipFactory(person__user=council_fes, role="president").organization
    recommendation = RecommendationFactory(status="submitted", organization=organization)
    client.force_login(council_fes)

    html = client.get(f"/recommendations/{recommendation.pk}/").content.decode()

    assert 'name="body"' in html
    assert 'name="internal"' not in html
