"""Exports honour filters and rights; private calendar feeds parse and can be revoked."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.conf import settings
from django.utils import timezone
from icalendar import Calendar

from meetings.models import Meeting
from partners.models import Person
from roadmaps.models import Recommendation

from ..helpers.factories import (
    MarketFactory,
    MeetingFactory,
    MembershipFactory,
    MilestoneFactory,
    OrganizationFactory,
    ParticipantFactory,
    RecommendationFactory,
    RoadmapFactory,
)
from ..helpers.figures import figure

pytestmark = pytest.mark.django_db


@pytest.fixture
def fes(council_fes):
    organization = OrganizationFactory(short_name="CRT-FES")
    MembershipFactory(person__user=council_fes, organization=organization, role="president")
    return organization


def test_recommendation_csv_follows_filters_and_rights(client, council_fes, fes):
    fr = MarketFactory(code="FR")
    RecommendationFactory(
        organization=fes, markets=[fr], title="Vidéos Fès", review_notes="interne"
    )
    RecommendationFactory(organization=fes, markets=[fr], title="Brouillon", status="draft")
    RecommendationFactory(organization=OrganizationFactory(), markets=[fr], title="Autre conseil")
    client.force_login(council_fes)

    response = client.get("/recommendations/export.csv", {"status": "submitted"})

    assert response["Content-Type"].startswith("text/csv")
    assert response.streaming  # written while it is sent
    text = response.getvalue().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["Titre", "Organisme", "Marchés"]
    assert [row[0] for row in rows[1:]] == ["Vidéos Fès"]
    assert "interne" not in text  # no review notes for partners


def test_recommendation_xlsx_for_staff_has_the_review_notes(client, staff, fes):
    RecommendationFactory(organization=fes, title="Vidéos Fès", review_notes="coût à valider")
    client.force_login(staff)

    response = client.get("/recommendations/export.xlsx")

    sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue())).active
    rows = list(sheet.values)
    assert rows[0][-1] == "Notes d’examen internes"
    assert rows[1][0] == "Vidéos Fès" and rows[1][-1] == "coût à valider"
    # When it was submitted: a date and time cell, in Casablanca time.
    submitted = sheet.cell(row=2, column=7)
    assert submitted.is_date and submitted.number_format == "yyyy-mm-dd hh:mm:ss"
    recommendation = Recommendation.objects.get(title="Vidéos Fès")
    casablanca = timezone.localtime(recommendation.submitted_at).replace(tzinfo=None)
    assert abs(submitted.value - casablanca) < datetime.timedelta(seconds=1)


def test_roadmap_export_and_market_dossier(client, delegate_fr, council_rabat):
    fr = MarketFactory(code="FR", name="France")
    delegation = OrganizationFactory(kind="delegation")
    delegation.markets.add(fr)
    MembershipFactory(person__user=delegate_fr, organization=delegation, role="delegate")
    roadmap = RoadmapFactory(market=fr, title="Feuille de route France 2030")
    MilestoneFactory(roadmap=roadmap, title="Salon de Paris")
    RoadmapFactory(
        market=fr,
        title="Brouillon 2031",
        status="draft",
        starts_on=datetime.date(2031, 1, 1),
        ends_on=datetime.date(2031, 12, 31),
    )
    RecommendationFactory(markets=[fr], title="Pour la France")
    figure(fr, "arrivals", 2019, 1990813, source="data.gov.ma")
    figure(fr, "arrivals", 2022, 1505443, source="Observatoire du Tourisme")
    client.force_login(delegate_fr)

    sheet = openpyxl.load_workbook(
        io.BytesIO(client.get(f"/roadmaps/{roadmap.pk}/export.xlsx").getvalue())
    ).active
    assert [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["Salon de Paris"]
    # A bold header; a due date is a day (a date cell, no time of day shown).
    assert sheet["A1"].font.bold and not sheet["A2"].font.bold
    due = sheet["B2"]
    assert due.is_date and due.number_format == "yyyy-mm-dd"
    assert due.value.date() == roadmap.milestones.get().due_date

    dossier = openpyxl.load_workbook(
        io.BytesIO(client.get("/roadmaps/markets/FR/dossier.xlsx").getvalue())
    )
    assert dossier.sheetnames == [
        "Feuilles de route",
        "Jalons",
        "Recommandations",
        "Réunions",
        "Indicateurs",
        "Objectifs",
    ]
    figures = list(dossier["Indicateurs"].iter_rows(min_row=2, values_only=True))
    assert [(row[2], row[4], row[5], row[6]) for row in figures] == [
        (2019, 1990813, 100, "data.gov.ma"),
        (2022, 1505443, 76, "Observatoire du Tourisme"),
    ]
    roadmaps = [
        row[0] for row in dossier["Feuilles de route"].iter_rows(min_row=2, values_only=True)
    ]
    assert sorted(roadmaps) == ["Brouillon 2031", "Feuille de route France 2030"]
    assert dossier["Recommandations"]["A2"].value == "Pour la France"

    # A council member whose work concerns France gets the same dossier without
    # what is not theirs; the dossier of a market they have nothing to do with
    # does not exist for them.
    own = OrganizationFactory()
    MembershipFactory(person__user=council_rabat, organization=own)
    RecommendationFactory(organization=own, markets=[fr], title="La nôtre")
    MarketFactory(code="ES")
    client.force_login(council_rabat)
    dossier = openpyxl.load_workbook(
        io.BytesIO(client.get("/roadmaps/markets/FR/dossier.xlsx").getvalue())
    )
    roadmaps = [
        row[0] for row in dossier["Feuilles de route"].iter_rows(min_row=2, values_only=True)
    ]
    assert roadmaps == ["Feuille de route France 2030"]  # active only
    assert [
        row[0] for row in dossier["Recommandations"].iter_rows(min_row=2, values_only=True)
    ] == ["La nôtre"]
    assert client.get("/roadmaps/markets/ES/dossier.xlsx").status_code == 404
    assert client.get("/roadmaps/markets/XX/dossier.xlsx").status_code == 404


def test_a_private_calendar_feed_lists_my_meetings_and_milestones_and_can_be_revoked(
    client, council_fes, fes
):
    person = Person.objects.get(user=council_fes)
    start = timezone.now() + datetime.timedelta(days=3)
    invited = MeetingFactory(
        title="Atelier Fès", starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )
    ParticipantFactory(meeting=invited, person=person, organization=fes)
    Meeting.objects.filter(pk=invited.pk).update(status="published")
    MeetingFactory(title="Pas invité")
    milestone = MilestoneFactory(owner=person, title="Rapport Fès")
    client.force_login(council_fes)

    profile = client.post("/accounts/profile/calendar/", {"action": "renew"}, follow=True)
    url = profile.context["fresh_feed_url"].removeprefix(settings.PORTAL_BASE_URL)
    person.refresh_from_db()
    assert person.calendar_token not in url  # only a digest is kept
    assert client.get("/accounts/profile/").context["fresh_feed_url"] is None  # shown once
    client.logout()  # a calendar program has no session: the token is enough

    calendar = Calendar.from_ical(client.get(url).content)
    events = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {"Atelier Fès", f"Rapport Fès ({milestone.roadmap.market.code})"}
    assert str(events["Atelier Fès"]["UID"]) == f"{invited.uid}@onmt-portal"
    assert events["Atelier Fès"].decoded("DTSTART").tzinfo.key == "Africa/Casablanca"
    assert str(events[f"Rapport Fès ({milestone.roadmap.market.code})"]["UID"]) == (
        f"milestone-{milestone.pk}@onmt-portal"
    )

    client.force_login(council_fes)
    client.post("/accounts/profile/calendar/", {"action": "renew"})
    client.logout()
    assert client.get(url).status_code == 404  # the old address is revoked
    assert client.get("/calendar/not-a-token.ics").status_code == 404
