"""The staff screens: planning with rows in place, outcomes that never lose text, stale edits."""

import datetime
import re

import pytest
from django.utils import timezone
from icalendar import Calendar

from meetings.models import Meeting, Outcome

from ..helpers.factories import (
    MarketFactory,
    MeetingFactory,
    MembershipFactory,
    OrganizationFactory,
    OutcomeFactory,
    ParticipantFactory,
    PersonFactory,
    onmt_office,
)

pytestmark = pytest.mark.django_db


def management(prefix, total):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": "0"}


@pytest.fixture
def organizer():
    return onmt_office()


def meeting_post(organizer, **extra):
    data = {
        "title": "Task force marchés",
        "kind": "task_force",
        "starts_at": "2030-07-08T10:00",
        "ends_at": "2030-07-08T13:00",
        "location": "Casablanca",
        "organizer": organizer.pk,
        "agenda": "Relance 2019",
        **management("participants", 0),
        **management("agenda", 0),
    }
    data.update(extra)
    return data


def test_staff_plans_a_meeting_with_participants_and_agenda(client, staff, organizer):
    aziz = PersonFactory(first_name="Aziz", last_name="Lebbar")
    crt = MembershipFactory(person=aziz, role="president").organization
    market = MarketFactory(code="FR")
    client.force_login(staff)

    data = meeting_post(
        organizer,
        markets=[market.pk],
        **management("participants", 1),
        **{"participants-0-person": aziz.pk, "participants-0-organization": crt.pk},
        **management("agenda", 2),
        **{"agenda-0-title": "Bilan", "agenda-1-title": "Feuille de route", "agenda-1-notes": "H2"},
    )
    response = client.post("/meetings/new/", data)

    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/meetings/{meeting.pk}/"
    # Typed in Casablanca time (UTC+1 in July 2030).
    assert meeting.starts_at == datetime.datetime(2030, 7, 8, 9, 0, tzinfo=datetime.UTC)
    assert [(p.person, p.organization) for p in meeting.participants.all()] == [(aziz, crt)]
    assert [(i.order, i.title) for i in meeting.agenda_items.all()] == [
        (1, "Bilan"),
        (2, "Feuille de route"),
    ]
    assert list(meeting.markets.all()) == [market]
    assert meeting.created_by == staff


def test_adding_an_agenda_row_keeps_what_was_typed_and_saves_nothing(client, staff, organizer):
    client.force_login(staff)
    data = meeting_post(
        organizer,
        title="Titre tapé",
        action="add:agenda",
        **management("agenda", 1),
        **{"agenda-0-title": "Premier point"},
    )

    response = client.post("/meetings/new/", data)

    assert response.status_code == 200
    assert Meeting.objects.count() == 0
    html = response.content.decode()
    assert 'value="Titre tapé"' in html
    assert 'value="Premier point"' in html
    assert response.context["agenda"].total_form_count() == 2
    assert "errorlist" not in html and "invalid-feedback" not in html


def test_agenda_rows_move_and_disappear_in_place(client, staff, organizer):
    client.force_login(staff)
    rows = {
        **management("agenda", 3),
        "agenda-0-title": "A",
        "agenda-1-title": "B",
        "agenda-2-title": "C",
    }

    moved = client.post("/meetings/new/", meeting_post(organizer, action="down:agenda:0", **rows))
    titles = [f.initial["title"] for f in moved.context["agenda"].forms]
    assert titles == ["B", "A", "C"]

    removed = client.post(
        "/meetings/new/", meeting_post(organizer, action="remove:agenda:1", **rows)
    )
    assert [f.initial["title"] for f in removed.context["agenda"].forms] == ["A", "C"]


def test_inviting_a_person_fills_in_their_current_organization(client, staff, organizer):
    siham = PersonFactory(first_name="Siham", last_name="Rida")
    cpt = MembershipFactory(person=siham, role="president").organization
    client.force_login(staff)

    response = client.post("/meetings/new/", meeting_post(organizer, action=f"invite:{siham.pk}"))

    forms = response.context["participants"].forms
    assert [(f.person_obj, f.initial["organization"]) for f in forms] == [(siham, str(cpt.pk))]
    assert Meeting.objects.count() == 0


def test_people_search_fragment_finds_active_people(client, staff):
    PersonFactory(first_name="Hassan", last_name="Bargach")
    PersonFactory(first_name="Hassan", last_name="Archivé", is_active=False)
    client.force_login(staff)

    response = client.get("/meetings/people/search/", {"people_q": "hassan"})

    assert [p.last_name for p in response.context["people"]] == ["Bargach"]
    assert "<html" not in response.content.decode()


def test_bad_dates_are_refused_with_a_message_and_nothing_saved(client, staff, organizer):
    client.force_login(staff)
    response = client.post("/meetings/new/", meeting_post(organizer, ends_at="2030-07-08T09:00"))
    assert response.status_code == 200
    assert "doit se terminer après" in response.content.decode()
    assert Meeting.objects.count() == 0


def test_a_stale_edit_is_refused_and_the_typed_text_is_shown_back(client, staff, organizer):
    meeting = MeetingFactory(organizer=organizer, title="Original")
    client.force_login(staff)
    loaded_version = meeting.version
    # Another member of staff saves first.
    first = client.post(
        f"/meetings/{meeting.pk}/edit/",
        meeting_post(organizer, title="Par la collègue", version=loaded_version),
    )
    assert first.status_code == 302

    second = client.post(
        f"/meetings/{meeting.pk}/edit/",
        meeting_post(organizer, title="Mon texte à moi", version=loaded_version),
    )

    assert second.status_code == 200
    html = second.content.decode()
    assert "Quelqu’un d’autre a enregistré cette réunion" in html
    assert 'value="Mon texte à moi"' in html
    meeting.refresh_from_db()
    assert meeting.title == "Par la collègue"


def past_meeting_with_participants(count=2):
    start = timezone.now() - datetime.timedelta(hours=4)
    meeting = MeetingFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    participants = [ParticipantFactory(meeting=meeting) for _ in range(count)]
    return meeting, participants


def outcomes_post(meeting, participants, outcomes, **extra):
    data = {
        "version": meeting.version,
        "minutes": "## Synthèse\n\nLes professionnels demandent plus de **sièges**.",
        **management("attendance", len(participants)),
        **management("outcomes", len(outcomes)),
    }
    for index, participant in enumerate(participants):
        data[f"attendance-{index}-participant"] = participant.pk
        data[f"attendance-{index}-attendance"] = "attended"
    for index, outcome in enumerate(outcomes):
        for key, value in outcome.items():
            data[f"outcomes-{index}-{key}"] = value
    data.update(extra)
    return data


def test_outcomes_are_logged_with_attendance_and_minutes(client, staff):
    meeting, participants = past_meeting_with_participants()
    crt = participants[0].organization
    client.force_login(staff)

    response = client.post(
        f"/meetings/{meeting.pk}/outcomes/",
        outcomes_post(
            meeting,
            participants,
            [
                {"kind": "decision", "text": "Feuille de route commune H2 2022 et 2023"},
                {"kind": "expectation", "text": "Plus de sièges", "organization": crt.pk},
            ],
        ),
    )

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert "sièges" in meeting.minutes
    assert {p.attendance for p in meeting.participants.all()} == {"attended"}
    assert [(o.kind, o.organization) for o in meeting.outcomes.all()] == [
        ("decision", None),
        ("expectation", crt),
    ]


def test_one_invalid_outcome_row_keeps_every_other_rows_text_and_writes_nothing(client, staff):
    meeting, participants = past_meeting_with_participants()
    client.force_login(staff)

    response = client.post(
        f"/meetings/{meeting.pk}/outcomes/",
        outcomes_post(
            meeting,
            participants,
            [
                {"kind": "decision", "text": "Première décision très importante"},
                {"kind": "insight", "text": ""},  # invalid: a kind without text
                {"kind": "feedback", "text": "Retour des hôteliers de Marrakech"},
            ],
        ),
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Première décision très importante" in html
    assert "Retour des hôteliers de Marrakech" in html
    assert "sièges" in html  # the minutes too
    assert response.context["outcomes"].forms[1].errors
    assert Outcome.objects.count() == 0
    meeting.refresh_from_db()
    assert meeting.minutes == ""
    assert {p.attendance for p in meeting.participants.all()} == {"invited"}


def test_a_market_insight_must_name_its_market(client, staff):
    meeting, participants = past_meeting_with_participants()
    client.force_login(staff)

    response = client.post(
        f"/meetings/{meeting.pk}/outcomes/",
        outcomes_post(meeting, participants, [{"kind": "insight", "text": "Reprise forte"}]),
    )

    assert response.status_code == 200
    assert "Un éclairage marché indique son marché." in response.content.decode()
    assert Outcome.objects.count() == 0


def test_removing_an_outcome_row_then_saving_deletes_it(client, staff):
    meeting, participants = past_meeting_with_participants()
    kept = OutcomeFactory(meeting=meeting, text="Garder")
    dropped = OutcomeFactory(meeting=meeting, text="Supprimer")
    client.force_login(staff)

    client.post(
        f"/meetings/{meeting.pk}/outcomes/",
        outcomes_post(
            meeting, participants, [{"id": kept.pk, "kind": "decision", "text": "Garder"}]
        ),
    )

    assert list(meeting.outcomes.values_list("pk", flat=True)) == [kept.pk]
    assert not Outcome.objects.filter(pk=dropped.pk).exists()


def test_an_outcome_of_another_meeting_cannot_be_edited_through_this_one(client, staff):
    meeting, participants = past_meeting_with_participants()
    foreign = OutcomeFactory(text="Autre réunion")
    client.force_login(staff)

    response = client.post(
        f"/meetings/{meeting.pk}/outcomes/",
        outcomes_post(meeting, participants, [{"id": foreign.pk, "kind": "decision", "text": "X"}]),
    )

    assert response.status_code == 200
    foreign.refresh_from_db()
    assert foreign.text == "Autre réunion"


def test_minutes_are_rendered_as_safe_markdown(client, staff):
    meeting = MeetingFactory(
        minutes="**Gras** <script>alert(1)</script> [lien](javascript:alert(1))"
    )
    client.force_login(staff)
    html = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "<strong>Gras</strong>" in html
    assert "<script>alert(1)</script>" not in html
    assert "javascript:alert" not in html


def test_the_calendar_file_has_a_stable_uid_and_the_casablanca_time_zone(client, staff):
    meeting = MeetingFactory()
    client.force_login(staff)

    first = Calendar.from_ical(client.get(f"/meetings/{meeting.pk}/calendar.ics").content)
    event = first.walk("VEVENT")[0]
    assert str(event["UID"]) == f"{meeting.uid}@onmt-portal"
    assert event.decoded("DTSTART").tzinfo.key == "Africa/Casablanca"
    assert first.walk("VTIMEZONE")[0]["TZID"] == "Africa/Casablanca"

    client.post(
        f"/meetings/{meeting.pk}/edit/",
        {
            **meeting_post(
                meeting.organizer, starts_at="2031-01-01T10:00", ends_at="2031-01-01T11:00"
            ),
            "version": meeting.version,
        },
    )
    again = Calendar.from_ical(client.get(f"/meetings/{meeting.pk}/calendar.ics").content)
    moved = again.walk("VEVENT")[0]
    assert str(moved["UID"]) == str(event["UID"])
    assert int(moved["SEQUENCE"]) == int(event["SEQUENCE"]) + 1


def test_list_tabs_and_filters(client, staff):
    onmt = onmt_office()
    past = MeetingFactory(
        title="Passée",
        organizer=onmt,
        starts_at=timezone.now() - datetime.timedelta(days=30),
        ends_at=timezone.now() - datetime.timedelta(days=30) + datetime.timedelta(hours=1),
    )
    MeetingFactory(title="À venir")
    Meeting.objects.filter(pk=past.pk).update(status="published")
    client.force_login(staff)

    def titles(**params):
        return [m.title for m in client.get("/meetings/", params).context["page"]]

    assert titles() == ["À venir"]
    assert titles(when="past") == ["Passée"]
    assert titles(when="past", status="planned") == []
    assert titles(when="past", organization=onmt.pk) == ["Passée"]
    assert titles(q="venir") == ["À venir"]
    assert titles(date_from="2999-01-01") == []
    assert client.get("/meetings/", {"date_from": "pas une date"}).status_code == 200


@pytest.mark.parametrize("rows", [1, 50])
def test_meeting_list_query_budget(client, staff, django_assert_max_num_queries, rows):
    for meeting in MeetingFactory.create_batch(rows):
        ParticipantFactory(meeting=meeting)
    client.force_login(staff)
    client.get("/meetings/")
    with django_assert_max_num_queries(12):
        response = client.get("/meetings/")
    assert response.context["page"].paginator.count == rows


@pytest.mark.parametrize("rows", [1, 50])
def test_meeting_detail_query_budget(client, staff, django_assert_max_num_queries, rows):
    meeting = MeetingFactory()
    for _ in range(rows):
        ParticipantFactory(meeting=meeting)
        OutcomeFactory(meeting=meeting, organization=OrganizationFactory())
    client.force_login(staff)
    client.get("/meetings/")
    # 12 + the history panel staff see + the viewer's own invitation + the
    # outcomes' actions (outcomes, their milestones)
    with django_assert_max_num_queries(16):
        response = client.get(f"/meetings/{meeting.pk}/")
    assert len(response.context["participants"]) == rows


@pytest.mark.parametrize("rows", [1, 50])
def test_outcomes_screen_query_budget(client, staff, django_assert_max_num_queries, rows):
    meeting = MeetingFactory()
    for _ in range(rows):
        participant = ParticipantFactory(meeting=meeting)
        OutcomeFactory(meeting=meeting, organization=participant.organization)
    client.force_login(staff)
    client.get("/meetings/")
    with django_assert_max_num_queries(17):  # 14 + outcomes, their actions, linkable milestones
        response = client.get(f"/meetings/{meeting.pk}/outcomes/")
    assert len(response.context["attendance_rows"]) == rows


@pytest.mark.parametrize("odd", ["²", "①", "1²", "٣٣٣٣٣٣٣٣٣", "9" * 40])
def test_digit_like_ids_in_rows_are_refused_not_a_500(client, staff, organizer, odd):
    """Characters Python calls digits but int() refuses (superscripts, circled)."""
    client.force_login(staff)
    data = meeting_post(
        organizer,
        **management("participants", 1),
        **{"participants-0-person": odd, "participants-0-organization": odd},
    )
    response = client.post("/meetings/new/", data)
    assert response.status_code == 200
    assert not Meeting.objects.exists()
    response = client.post("/meetings/new/", {**data, "action": f"invite:{odd}"})
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 30])
def test_participant_rows_are_validated_without_a_query_per_row(
    client, staff, organizer, django_assert_max_num_queries, rows
):
    people = PersonFactory.create_batch(rows)
    memberships = [MembershipFactory(person=person) for person in people]
    client.force_login(staff)
    data = meeting_post(organizer, title="", **management("participants", rows))  # invalid title
    for index, membership in enumerate(memberships):
        data[f"participants-{index}-person"] = membership.person_id
        data[f"participants-{index}-organization"] = membership.organization_id
    with django_assert_max_num_queries(16):
        response = client.post("/meetings/new/", data)
    assert response.status_code == 200
    assert response.context["participants"].is_valid()


def test_the_list_opens_on_past_meetings_when_nothing_is_planned(client, staff):
    past = timezone.now() - datetime.timedelta(days=30)
    MeetingFactory(title="Tenue", starts_at=past, ends_at=past + datetime.timedelta(hours=2))
    client.force_login(staff)
    response = client.get("/meetings/")
    assert [m.title for m in response.context["page"]] == ["Tenue"]
    page = response.content.decode()
    assert re.search(r'class="nav-link active" aria-current="page"[^>]*when=past', page)

    # Asked for explicitly, the empty upcoming tab says so and points to the past.
    response = client.get("/meetings/", {"when": "upcoming"})
    assert list(response.context["page"]) == []
    assert "Aucune réunion n’est prévue." in response.content.decode()
    assert 'href="?when=past"' in response.content.decode()

    MeetingFactory(title="Prévue")  # next week
    assert [m.title for m in client.get("/meetings/").context["page"]] == ["Prévue"]
