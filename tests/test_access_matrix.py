"""One access policy, proven on every URL of the project, for every role.

The table below must name every URL pattern (the resolver is walked): a new
view without an entry fails this suite. Codes: "login" is a redirect to the
log-in page; numbers are HTTP statuses. 404 means "does not exist for you"
(another organization's objects), 403 "you see it, but may not do this".
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.models import PreparedExport
from meetings.models import Meeting, Outcome
from meetings.rsvp_links import rsvp_token
from partners.models import PartnershipAgreement
from partners.roles import Role
from roadmaps.models import RecommendationMessage, Target

from .helpers.factories import (
    MarketFactory,
    MeetingFactory,
    MembershipFactory,
    MilestoneFactory,
    OrganizationFactory,
    ParticipantFactory,
    RecommendationFactory,
    RoadmapFactory,
    UserFactory,
)
from .helpers.urlwalk import project_routes

ROLES = [
    "anonymous",
    "council_own",
    "council_other",
    "delegate_market",
    "delegate_other",
    "staff",
    "admin",
]
L = "login"


def every(code):
    return dict.fromkeys(ROLES, code)


def logged_in(code):
    return {"anonymous": L, **dict.fromkeys(ROLES[1:], code)}


def row(anonymous, own, other, delegate, delegate_other, staff, admin):
    return dict(
        zip(ROLES, [anonymous, own, other, delegate, delegate_other, staff, admin], strict=True)
    )


# url name -> (keyword arguments from the world, expected GET answer per role)
GET = {
    "home": ({}, logged_in(200)),
    "healthz": ({}, every(200)),
    "profile": ({}, logged_in(200)),
    "login": ({}, every(200)),
    "logout": ({}, row(L, 405, 405, 405, 405, 405, 405)),
    "set_language": ({}, every(302)),
    "password_change": ({}, logged_in(200)),
    "password_change_done": ({}, logged_in(200)),
    "password_reset": ({}, every(200)),
    "password_reset_done": ({}, every(200)),
    "password_reset_confirm": ({"uidb64": "MQ", "token": "bad-token"}, every(200)),
    "password_reset_complete": ({}, every(200)),
    "partners:directory": ({}, logged_in(200)),
    "partners:organization": ({"pk": "own_org"}, logged_in(200)),
    "partners:person": ({"pk": "own_person"}, logged_in(200)),
    "partners:agreement_document": (
        {"pk": "agreement"},
        row(L, 200, 403, 200, 200, 200, 200),
    ),
    "meetings:list": ({}, logged_in(200)),
    "meetings:create": ({}, row(L, 403, 403, 403, 403, 200, 200)),
    "meetings:people_search": ({}, row(L, 403, 403, 403, 403, 200, 200)),
    "meetings:detail": ({"pk": "meeting"}, row(L, 200, 404, 200, 200, 200, 200)),
    # The History panel (loaded when opened): ONMT staff and admins, on what they see.
    "meetings:history": ({"pk": "meeting"}, row(L, 403, 404, 403, 403, 200, 200)),
    "meetings:edit": ({"pk": "meeting"}, row(L, 403, 404, 403, 403, 200, 200)),
    "meetings:outcomes": ({"pk": "meeting"}, row(L, 403, 404, 403, 403, 200, 200)),
    "meetings:calendar": ({"pk": "meeting"}, row(L, 200, 404, 200, 200, 200, 200)),
    "meetings:minutes_pdf": ({"pk": "meeting"}, row(L, 200, 404, 200, 200, 200, 200)),
    "meetings:transition": ({"pk": "meeting"}, logged_in(405)),
    "meetings:rsvp": ({"pk": "invited_meeting"}, logged_in(405)),
    # The signed link is the credential: no log-in, for its one participant.
    "meetings:rsvp_link": (
        {"pk": "invited_meeting", "participant_pk": "invited_seat", "token": "rsvp_token"},
        every(200),
    ),
    "meetings:outcome_close": ({"pk": "outcome"}, logged_in(405)),
    "roadmaps:outcome_answer": ({"pk": "outcome"}, logged_in(405)),
    "roadmaps:recommendation_message": ({"pk": "recommendation"}, logged_in(405)),
    "roadmaps:recommendation_message_edit": (
        {"pk": "message"},
        row(L, 403, 404, 403, 404, 200, 403),  # its author only
    ),
    "inbox": ({}, logged_in(200)),
    "inbox_count": ({}, logged_in(200)),
    "search": ({}, logged_in(200)),
    "pick": ({"kind": "organizations"}, logged_in(200)),
    # A prepared export reaches its owner (a member of staff) alone.
    "export_download": ({"pk": "prepared_export"}, row(L, 404, 404, 404, 404, 200, 404)),
    "roadmaps:recommendation_list": ({}, row(L, 200, 200, 200, 200, 200, 200)),
    "roadmaps:recommendation_create": ({}, row(L, 200, 200, 403, 403, 403, 403)),
    "roadmaps:recommendation_detail": (
        {"pk": "recommendation"},
        row(L, 200, 404, 200, 404, 200, 200),
    ),
    "roadmaps:recommendation_history": (
        {"pk": "recommendation"},
        row(L, 403, 404, 403, 404, 200, 200),
    ),
    "roadmaps:recommendation_edit": (
        {"pk": "recommendation"},
        row(L, 200, 404, 403, 404, 403, 403),
    ),
    "roadmaps:recommendation_review": (
        {"pk": "recommendation"},
        row(L, 403, 404, 200, 404, 200, 200),
    ),
    "roadmaps:recommendation_submit": ({"pk": "recommendation"}, logged_in(405)),
    "roadmaps:roadmap_list": ({}, logged_in(200)),
    "roadmaps:roadmap_create": ({}, row(L, 403, 403, 200, 200, 200, 200)),
    "roadmaps:roadmap_detail": ({"pk": "roadmap"}, logged_in(200)),
    "roadmaps:roadmap_history": ({"pk": "roadmap"}, row(L, 403, 403, 403, 403, 200, 200)),
    "roadmaps:roadmap_edit": ({"pk": "roadmap"}, row(L, 403, 403, 200, 403, 200, 200)),
    "roadmaps:milestone_create": ({"pk": "roadmap"}, row(L, 403, 403, 200, 403, 200, 200)),
    "roadmaps:milestone_edit": ({"pk": "milestone"}, row(L, 403, 403, 200, 403, 200, 200)),
    "roadmaps:milestone_progress": ({"pk": "milestone"}, logged_in(405)),
    "roadmaps:milestone_followup_create": ({"meeting_pk": "meeting"}, logged_in(405)),
    "roadmaps:recommendation_export_csv": ({}, row(L, 200, 200, 200, 200, 200, 200)),
    "roadmaps:recommendation_export_xlsx": ({}, row(L, 200, 200, 200, 200, 200, 200)),
    "roadmaps:roadmap_export": ({"pk": "roadmap"}, logged_in(200)),
    # A market: every market for ONMT, those of their work for a council member.
    "roadmaps:market_dossier": ({"code": "FR"}, row(L, 200, 404, 200, 200, 200, 200)),
    "roadmaps:market_detail": ({"code": "FR"}, row(L, 200, 404, 200, 200, 200, 200)),
    "roadmaps:target_create": ({"code": "FR"}, row(L, 403, 404, 200, 403, 200, 200)),
    "roadmaps:target_edit": (
        {"code": "FR", "pk": "target"},
        row(L, 403, 404, 200, 403, 200, 200),
    ),
    "profile_calendar": ({}, logged_in(405)),
    # The second factor's screens: every account's own.
    "two_factor:profile": ({}, logged_in(200)),
    "two_factor:setup": ({}, logged_in(200)),
    "two_factor:qr": ({}, logged_in(404)),  # no secret in the session until set-up starts
    "two_factor:setup_complete": ({}, every(L)),  # only after a log-in with the factor
    "two_factor:backup_tokens": ({}, every(L)),
    "two_factor:disable": ({}, logged_in(302)),  # nothing to turn off: back home
    # The token is the credential: a calendar program has no session.
    "calendar_feed": ({"token": "feed_token"}, every(200)),
}

# The state-changing endpoints, posted by each role on a fresh world.
POST = {
    "meetings:transition": (
        {"pk": "planned_meeting"},
        {"to": "cancel"},
        row(L, 404, 404, 403, 403, 302, 302),
    ),
    "roadmaps:milestone_progress": (
        {"pk": "milestone"},
        {"progress": "50"},
        row(L, 403, 403, 302, 403, 302, 302),
    ),
    "roadmaps:milestone_followup_create": (
        {"meeting_pk": "meeting"},
        {"roadmap": "roadmap", "title": "Suite", "due_date": "2030-05-01"},
        row(L, 403, 404, 403, 403, 302, 302),
    ),
    "roadmaps:recommendation_review": (
        {"pk": "recommendation"},
        {"action": "start_review"},
        row(L, 403, 404, 302, 404, 302, 302),
    ),
    "roadmaps:recommendation_submit": (
        {"pk": "recommendation"},
        {"version": "1"},
        # Its organization only (already submitted here: refused with a message).
        row(L, 302, 404, 403, 404, 403, 403),
    ),
    "meetings:rsvp": (
        {"pk": "invited_meeting"},
        {"response": "accepted"},
        row(L, 302, 404, 404, 404, 404, 404),
    ),
    "meetings:outcome_close": (
        {"pk": "outcome"},
        {"answer": "Non retenu."},
        row(L, 403, 404, 403, 403, 302, 302),
    ),
    "roadmaps:outcome_answer": (
        {"pk": "outcome"},
        {"milestone": "milestone"},
        row(L, 403, 404, 403, 403, 302, 302),
    ),
    "roadmaps:recommendation_message": (
        {"pk": "recommendation"},
        {"body": "Une question ?"},
        row(L, 302, 404, 302, 404, 302, 302),
    ),
    "roadmaps:target_create": (
        {"code": "FR"},
        {"metric": "overnight_stays", "year": "2024", "share_of_2019": "100"},
        row(L, 403, 404, 302, 403, 302, 302),
    ),
    "roadmaps:target_edit": (
        {"code": "FR", "pk": "target"},
        {"share_of_2019": "110", "version": "1"},
        row(L, 403, 404, 302, 403, 302, 302),
    ),
}


@pytest.fixture
def world(db):
    fr, es = MarketFactory(code="FR"), MarketFactory(code="ES")
    own_org = OrganizationFactory(short_name="CRT-OWN")
    other_org = OrganizationFactory(short_name="CRT-OTHER")
    users = {
        "council_own": UserFactory(username="council_own", role=Role.COUNCIL),
        "council_other": UserFactory(username="council_other", role=Role.COUNCIL),
        "delegate_market": UserFactory(username="delegate_market", role=Role.DELEGATE),
        "delegate_other": UserFactory(username="delegate_other", role=Role.DELEGATE),
        "staff": UserFactory(username="staff_member", role=Role.ONMT_STAFF),
        "admin": UserFactory(username="superuser", is_staff=True, is_superuser=True),
    }
    own_person = MembershipFactory(
        person__user=users["council_own"], organization=own_org, role="president"
    ).person
    MembershipFactory(person__user=users["council_other"], organization=other_org, role="president")
    for username, market in (("delegate_market", fr), ("delegate_other", es)):
        delegation = OrganizationFactory(kind="delegation")
        delegation.markets.add(market)
        MembershipFactory(person__user=users[username], organization=delegation, role="delegate")

    agreement = PartnershipAgreement.objects.create(
        title="Convention", signed_on=datetime.date(2022, 4, 1)
    )
    agreement.parties.add(own_org)
    agreement.document.save("c.pdf", SimpleUploadedFile("c.pdf", b"%PDF-1.4\n%%EOF\n"))

    start = timezone.now() - datetime.timedelta(days=3)
    meeting = MeetingFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    meeting.markets.add(fr)
    ParticipantFactory(meeting=meeting, organization=own_org, person=own_person)
    Meeting.objects.filter(pk=meeting.pk).update(status="published")
    planned_meeting = MeetingFactory()
    ParticipantFactory(meeting=planned_meeting, organization=own_org)

    roadmap = RoadmapFactory(market=fr, status="active")
    invited_meeting = MeetingFactory(title="Atelier à venir")
    invited_seat = ParticipantFactory(
        meeting=invited_meeting, organization=own_org, person=own_person
    )
    recommendation = RecommendationFactory(organization=own_org, author=own_person, markets=[fr])
    objects = {
        "own_org": own_org,
        "own_person": own_person,
        "agreement": agreement,
        "meeting": meeting,
        "planned_meeting": planned_meeting,
        "recommendation": recommendation,
        "invited_meeting": invited_meeting,
        "invited_seat": invited_seat,
        "outcome": Outcome.objects.create(meeting=meeting, kind="expectation", text="Attente"),
        "message": RecommendationMessage.objects.create(
            recommendation=recommendation, author=users["staff"], body="?", from_reviewer=True
        ),
        "roadmap": roadmap,
        "milestone": MilestoneFactory(roadmap=roadmap),
        "target": Target.objects.create(market=fr, metric="arrivals", year=2024, share_of_2019=100),
    }
    prepared_export = PreparedExport.objects.create(
        owner=users["staff"], kind="roadmaps.recommendations", language="fr",
        filename="recommendations.xlsx", state="ready", rows=0,
    )  # fmt: skip
    prepared_export.file.save("e.xlsx", SimpleUploadedFile("e.xlsx", b"PK"))
    objects["prepared_export"] = prepared_export
    own_person.calendar_token = own_person.calendar_token_digest("feed-token-of-the-council")
    own_person.save()
    ids = {name: obj.pk for name, obj in objects.items()}
    ids["feed_token"] = "feed-token-of-the-council"
    ids["rsvp_token"] = rsvp_token(invited_seat)
    return users, ids


def reverse_with(name, kwargs, ids):
    from django.urls import reverse

    return reverse(name, kwargs={key: ids.get(value, value) for key, value in kwargs.items()})


def outcome(response):
    if response.status_code == 302 and response["Location"].startswith("/accounts/login/"):
        return L
    return response.status_code


def test_every_url_pattern_has_an_entry_in_the_matrix():
    names = {route.name for route in project_routes()}
    assert names == set(GET), {"missing": names - set(GET), "stale": set(GET) - names}


@pytest.mark.parametrize("role", ROLES)
def test_get_answers_match_the_policy_for(role, client, world):
    users, ids = world
    if role != "anonymous":
        client.force_login(users[role])
    wrong = []
    for name, (kwargs, expected) in GET.items():
        url = reverse_with(name, kwargs, ids)
        got = outcome(client.get(url))
        if got != expected[role]:
            wrong.append((name, url, f"expected {expected[role]}, got {got}"))
    assert wrong == []


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(POST))
def test_post_answers_match_the_policy_for(role, name, client, world):
    users, ids = world
    if role != "anonymous":
        client.force_login(users[role])
    kwargs, data, expected = POST[name]
    data = {key: ids.get(value, value) for key, value in data.items()}
    assert outcome(client.post(reverse_with(name, kwargs, ids), data)) == expected[role]
