"""The outcomes screen names who voiced each outcome with a searchable picker:
the chosen organization alone on each row, the others found by searching."""

import re

import pytest

from ..helpers.factories import MeetingFactory, OrganizationFactory, OutcomeFactory

pytestmark = pytest.mark.django_db


def _options(html: str, row: int) -> list[str]:
    select = re.search(
        rf'<select name="outcomes-{row}-organization".*?</select>', html, re.S
    ).group(0)
    return re.findall(r'<option value="([^"]*)"', select)


def test_each_row_holds_its_own_organization_and_a_search(client, staff):
    meeting = MeetingFactory()
    voiced = OrganizationFactory(short_name="CRT-Fès")
    OrganizationFactory.create_batch(30)
    OutcomeFactory(meeting=meeting, organization=voiced, text="Relancer les salons")
    OutcomeFactory(meeting=meeting, organization=None, text="Sans porte-parole")
    client.force_login(staff)

    html = client.get(f"/meetings/{meeting.pk}/outcomes/").content.decode()

    rows = {_options(html, 0)[-1], _options(html, 1)[-1]}
    assert rows == {str(voiced.pk), ""}  # the chosen one, or the empty choice, alone
    assert max(len(_options(html, 0)), len(_options(html, 1))) == 2
    assert html.count('aria-label="Rechercher les organismes"') == 2
    assert 'hx-get="/pick/organizations/"' in html


def test_a_row_saved_with_a_searched_organization_keeps_it(client, staff):
    meeting = MeetingFactory()
    found = OrganizationFactory(short_name="CPT-Ouarzazate")
    client.force_login(staff)

    matches = client.get("/pick/organizations/", {"term": "ouarza"}, HTTP_HX_REQUEST="true")
    assert f'<option value="{found.pk}">' in matches.content.decode()
    page = client.get(f"/meetings/{meeting.pk}/outcomes/")
    data = {
        "action": "save",
        "version": page.context["minutes_form"]["version"].value(),
        "minutes": "",
        "attendance-TOTAL_FORMS": "0",
        "attendance-INITIAL_FORMS": "0",
        "outcomes-TOTAL_FORMS": "1",
        "outcomes-INITIAL_FORMS": "0",
        "outcomes-0-kind": "expectation",
        "outcomes-0-text": "Plus de vols directs",
        "outcomes-0-organization": str(found.pk),
        "outcomes-0-market": "",
    }
    response = client.post(f"/meetings/{meeting.pk}/outcomes/", data)

    assert response.status_code == 302, response.context and response.context.get("outcomes")
    assert meeting.outcomes.get().organization == found
