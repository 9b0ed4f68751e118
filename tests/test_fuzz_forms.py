"""Hypothesis posts hostile input to every form of the portal: no answer may be a 500.

Long strings, Arabic and mixed-direction text, control characters (NUL
included), bad dates, negative, huge, foreign and missing ids. The Django test
client re-raises any exception a view lets escape, so a 500 fails the example.
"""

import datetime

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partners.roles import Role

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

pytestmark = pytest.mark.django_db

hostile_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=20),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "a\x00b",
            "\u202eالعربية\u202c mixed עברית",
            "مُرَاكِش Fès‏ \u200f",
            "x" * 5000,
            "<script>alert(1)</script>",
            "javascript:alert(1)",
            "'; DROP TABLE partners_person; --",
            "%(name)s {{ name }}",
        ]
    ),
)
hostile_number = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63).map(str),
    st.sampled_from(["", "0", "-1", "999999999", "1e9", "NaN", "１２", "٣"]),
)
hostile_date = st.one_of(
    st.sampled_from(
        [
            "",
            "2030-02-30",
            "31/02/2030",
            "0000-00-00",
            "9999-12-31",
            "2030-13-01",
            "demain",
            "2030-06-01T25:61",
        ]
    ),
    st.dates().map(lambda d: d.isoformat()),
)
any_value = st.one_of(hostile_text, hostile_number, hostile_date)


NASTY = ["\x00", "a\x00b", "x" * 5000, "\u202eالعربية\u202c", "-1", "2030-02-30", ""]


def form_data(fields: dict):
    """All of the form's fields, or some of them, plus stray keys."""
    every_field = st.fixed_dictionaries(fields)
    some_fields = st.fixed_dictionaries({}, optional=dict(fields))
    return st.one_of(every_field, some_fields).flatmap(
        lambda data: st.dictionaries(hostile_text, any_value, max_size=2).map(
            lambda extra: {**extra, **data}
        )
    )


@pytest.fixture
def world():
    fr = MarketFactory(code="FR")
    council_org = OrganizationFactory(short_name="CRT-FUZZ")
    council = UserFactory(username="fuzz_council", role=Role.COUNCIL)
    person = MembershipFactory(
        person__user=council, organization=council_org, role="president"
    ).person
    staff = UserFactory(username="fuzz_staff", role=Role.ONMT_STAFF)
    start = timezone.now() - datetime.timedelta(days=1)
    meeting = MeetingFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    participant = ParticipantFactory(meeting=meeting)
    roadmap = RoadmapFactory(market=fr)
    return {
        "council": council,
        "staff": staff,
        "meeting": meeting,
        "participant": participant,
        "roadmap": roadmap,
        "milestone": MilestoneFactory(roadmap=roadmap),
        "own": RecommendationFactory(
            organization=council_org, author=person, status="draft", markets=[fr]
        ),
        "review": RecommendationFactory(status="under_review", markets=[fr]),
    }


FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

ROW = {
    "participants-TOTAL_FORMS": hostile_number,
    "participants-0-person": hostile_number,
    "participants-0-organization": hostile_number,
    "agenda-TOTAL_FORMS": hostile_number,
    "agenda-0-title": hostile_text,
    "agenda-0-notes": hostile_text,
}
MEETING = {
    "title": hostile_text,
    "kind": hostile_text,
    "starts_at": hostile_date,
    "ends_at": hostile_date,
    "location": hostile_text,
    "organizer": hostile_number,
    "markets": hostile_number,
    "agenda": hostile_text,
    "version": hostile_number,
    "action": st.one_of(
        hostile_text,
        st.sampled_from(
            [
                "save",
                "add:agenda",
                "remove:agenda:0",
                "up:agenda:9",
                "invite:1",
                "invite:x",
                "down:participants:-1",
            ]
        ),
    ),
    **ROW,
}
OUTCOMES = {
    "version": hostile_number,
    "minutes": hostile_text,
    "attendance-TOTAL_FORMS": hostile_number,
    "attendance-0-participant": hostile_number,
    "attendance-0-attendance": hostile_text,
    "outcomes-TOTAL_FORMS": hostile_number,
    "outcomes-0-id": hostile_number,
    "outcomes-0-kind": st.one_of(hostile_text, st.just("insight")),
    "outcomes-0-text": hostile_text,
    "outcomes-0-organization": hostile_number,
    "outcomes-0-market": hostile_number,
    "action": st.one_of(
        hostile_text, st.sampled_from(["save", "add:outcomes", "remove:outcomes:3"])
    ),
}
RECOMMENDATION = {
    "organization": hostile_number,
    "markets": hostile_number,
    "theme": hostile_text,
    "priority": hostile_text,
    "title": hostile_text,
    "body": hostile_text,
    "version": hostile_number,
    "submit": hostile_text,
}
REVIEW = {
    "action": st.one_of(hostile_text, st.sampled_from(["decide", "start_review", "implemented"])),
    "version": hostile_number,
    "decision": st.one_of(
        hostile_text, st.sampled_from(["accept_new", "accept_existing", "decline"])
    ),
    "response": hostile_text,
    "review_notes": hostile_text,
    "milestone": hostile_number,
    "roadmap": hostile_number,
    "milestone_title": hostile_text,
    "due_date": hostile_date,
    "owner": hostile_number,
}
ROADMAP = {
    "market": hostile_number,
    "title": hostile_text,
    "starts_on": hostile_date,
    "ends_on": hostile_date,
    "owner": hostile_number,
    "objectives": hostile_text,
    "status": hostile_text,
    "version": hostile_number,
}
MILESTONE = {
    "title": hostile_text,
    "description": hostile_text,
    "due_date": hostile_date,
    "owner": hostile_number,
    "status": hostile_text,
    "progress": hostile_number,
    "version": hostile_number,
}
FILTERS = {
    "q": hostile_text,
    "kind": hostile_text,
    "region": hostile_number,
    "status": hostile_text,
    "market": hostile_number,
    "organization": hostile_number,
    "theme": hostile_text,
    "date_from": hostile_date,
    "date_to": hostile_date,
    "when": hostile_text,
    "page": hostile_number,
    "archived": hostile_text,
    "people_q": hostile_text,
}

# (who, method, url from the world, fields)
ENDPOINTS = [
    (
        None,
        "post",
        lambda w: "/accounts/login/",
        {
            "portal_login_view-current_step": st.just("auth"),
            "auth-username": hostile_text,
            "auth-password": hostile_text,
        },
    ),
    (
        None,
        "post",
        lambda w: "/accounts/login/",
        {"portal_login_view-current_step": hostile_text, "token-otp_token": hostile_text},
    ),
    (None, "post", lambda w: "/accounts/password_reset/", {"email": hostile_text}),
    (None, "post", lambda w: "/i18n/setlang/", {"language": hostile_text, "next": hostile_text}),
    (
        "council",
        "post",
        lambda w: "/accounts/password_change/",
        {
            "old_password": hostile_text,
            "new_password1": hostile_text,
            "new_password2": hostile_text,
        },
    ),
    (
        "council",
        "post",
        lambda w: "/accounts/profile/",
        {"language": hostile_text, "receives_reminders": hostile_text},
    ),
    ("staff", "get", lambda w: "/partners/", FILTERS),
    ("staff", "get", lambda w: "/meetings/", FILTERS),
    ("staff", "get", lambda w: "/meetings/people/search/", FILTERS),
    ("staff", "get", lambda w: "/recommendations/", FILTERS),
    ("staff", "get", lambda w: "/recommendations/export.csv", FILTERS),
    ("staff", "post", lambda w: "/meetings/new/", MEETING),
    ("staff", "post", lambda w: f"/meetings/{w['meeting'].pk}/edit/", MEETING),
    ("staff", "post", lambda w: f"/meetings/{w['meeting'].pk}/outcomes/", OUTCOMES),
    (
        "staff",
        "post",
        lambda w: f"/meetings/{w['meeting'].pk}/status/",
        {"to": hostile_text, "next": hostile_text},
    ),
    ("council", "post", lambda w: "/recommendations/new/", RECOMMENDATION),
    ("council", "post", lambda w: f"/recommendations/{w['own'].pk}/edit/", RECOMMENDATION),
    ("staff", "post", lambda w: f"/recommendations/{w['review'].pk}/review/", REVIEW),
    ("staff", "post", lambda w: "/roadmaps/new/", ROADMAP),
    ("staff", "post", lambda w: f"/roadmaps/{w['roadmap'].pk}/edit/", ROADMAP),
    ("staff", "post", lambda w: f"/roadmaps/{w['roadmap'].pk}/milestones/new/", MILESTONE),
    ("staff", "post", lambda w: f"/roadmaps/milestones/{w['milestone'].pk}/edit/", MILESTONE),
    (
        "staff",
        "post",
        lambda w: f"/roadmaps/milestones/{w['milestone'].pk}/progress/",
        {"progress": hostile_number},
    ),
    (
        "staff",
        "post",
        lambda w: f"/roadmaps/from-meeting/{w['meeting'].pk}/",
        {
            "roadmap": hostile_number,
            "title": hostile_text,
            "due_date": hostile_date,
            "owner": hostile_number,
        },
    ),
]


@pytest.mark.parametrize(
    ("who", "method", "url", "fields"), ENDPOINTS, ids=lambda v: v if isinstance(v, str) else None
)
def test_no_input_makes_a_form_answer_500(who, method, url, fields, client, world):
    if who:
        client.force_login(world[who])
    target = url(world)
    # First the worst cases, every field at once, so that they are never left to chance.
    for nasty in NASTY:
        response = getattr(client, method)(target, dict.fromkeys(fields, nasty))
        assert response.status_code < 500, (target, repr(nasty))

    @FUZZ
    @given(data=form_data(fields))
    def post(data):
        response = getattr(client, method)(target, data)
        assert response.status_code < 500, (target, data)

    post()
