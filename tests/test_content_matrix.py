"""Every page proven by what it shows, every write by its scope.

- Content: for nine roles, every list, detail, fragment, export, dossier, feed
  and PDF is fetched; a marker may appear only for the roles allowed to see it
  (tests/helpers/world.py says who), and each allowed marker is found somewhere.
- Writes: every state-changing endpoint, posted by each role against a target
  outside their scope, is refused and changes nothing in the database.
- CSRF: the same posts without the token are refused for everyone.
"""

import pytest
from django.test import Client

from meetings.models import AgendaItem, Meeting, Outcome, Participant
from partners.models import Membership, Organization, Person
from roadmaps.models import Milestone, Recommendation, Roadmap

from .helpers.world import MARKERS, ROLES, body_text, build_world, pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return build_world()


def _log_in(client, world, role):
    client.force_login(world.users[role])
    return client


@pytest.mark.parametrize("role", ROLES)
def test_each_role_sees_exactly_the_markers_it_may(client, world, role):
    _log_in(client, world, role)
    seen = set()
    leaks = []
    for url, headers in pages(world.ids, role):
        text = body_text(client.get(url, **headers))
        for marker, allowed in MARKERS.items():
            if marker in text:
                seen.add(marker)
                if role not in allowed:
                    leaks.append((marker, url))
    assert leaks == []
    expected = {marker for marker, allowed in MARKERS.items() if role in allowed}
    assert expected - seen == set(), "markers this role should find and did not"


# --- writes ----------------------------------------------------------------------


def snapshot():
    """Everything a write could change, as plain values."""
    return {
        "meetings": list(
            Meeting.objects.order_by("pk").values_list("pk", "version", "status", "title")
        ),
        "participants": list(Participant.objects.order_by("pk").values_list("pk", "person_id")),
        "agenda": AgendaItem.objects.count(),
        "outcomes": list(Outcome.objects.order_by("pk").values_list("pk", "text")),
        "recommendations": list(
            Recommendation.objects.order_by("pk").values_list(
                "pk", "version", "status", "title", "author_id"
            )
        ),
        "roadmaps": list(
            Roadmap.objects.order_by("pk").values_list("pk", "version", "title", "owner_id")
        ),
        "milestones": list(
            Milestone.objects.order_by("pk").values_list(
                "pk", "version", "title", "progress", "owner_id"
            )
        ),
        "links": list(Milestone.recommendations.through.objects.values_list("pk")),
        "mandates": list(Membership.objects.order_by("pk").values_list("pk", "end_date")),
        "organizations": Organization.objects.count(),
        "people": list(Person.objects.order_by("pk").values_list("pk", "is_active")),
    }


def out_of_scope_posts(ids: dict) -> list[tuple[str, dict, set]]:
    """(url, data, roles allowed to make this change): each post targets something
    the other roles may not change."""
    staff_only = {"admin", "staff"}
    fr_writers = {"admin", "staff", "delegate"}
    es_writers = {"admin", "staff", "delegate_other"}
    meeting = {
        "title": "Changé",
        "kind": "workshop",
        "starts_at": "2031-01-10T09:00",
        "ends_at": "2031-01-10T12:00",
        "organizer": ids["own"],
        "participants-TOTAL_FORMS": "0",
        "participants-INITIAL_FORMS": "0",
        "agenda-TOTAL_FORMS": "0",
        "agenda-INITIAL_FORMS": "0",
        "version": "1",
    }
    recommendation = {
        "organization": ids["other"],
        "markets": [str(ids["fr"])],
        "theme": "promotion",
        "priority": "high",
        "title": "Changé",
        "body": "Changé",
        "version": "1",
        "submit": "1",
    }
    milestone = {
        "title": "Changé",
        "due_date": "2030-06-01",
        "owner": "",
        "status": "in_progress",
        "progress": "50",
        "version": "1",
    }
    return [
        ("/meetings/new/", meeting, staff_only),
        (f"/meetings/{ids['planned']}/edit/", meeting, staff_only),
        (
            f"/meetings/{ids['held']}/outcomes/",
            {
                "version": "1",
                "minutes": "Changé",
                "attendance-TOTAL_FORMS": "0",
                "attendance-INITIAL_FORMS": "0",
                "outcomes-TOTAL_FORMS": "0",
                "outcomes-INITIAL_FORMS": "0",
            },
            staff_only,
        ),
        (f"/meetings/{ids['planned']}/status/", {"to": "cancel"}, staff_only),
        # A recommendation for CRT-OTHER: its own members only.
        ("/recommendations/new/", recommendation, {"council_other"}),
        (f"/recommendations/{ids['other_draft']}/edit/", recommendation, {"council_other"}),
        (
            f"/recommendations/{ids['es_submitted']}/review/",
            {"action": "start_review"},
            es_writers,
        ),
        (
            f"/recommendations/{ids['own_submitted']}/review/",
            {
                "action": "decide",
                "decision": "accept_existing",
                "milestone": ids["es_milestone"],
                "response": "Oui",
                "version": "1",
            },
            set(),  # an ES milestone for a FR recommendation: refused to all
        ),
        (
            "/roadmaps/new/",
            {
                "market": str(ids["es"]),
                "title": "Changé",
                "starts_on": "2035-01-01",
                "ends_on": "2035-12-31",
                "status": "draft",
            },
            es_writers,
        ),
        (f"/roadmaps/{ids['es_roadmap']}/edit/", {"title": "Changé", "version": "1"}, es_writers),
        (f"/roadmaps/{ids['es_roadmap']}/milestones/new/", milestone, es_writers),
        (f"/roadmaps/milestones/{ids['es_milestone']}/edit/", milestone, es_writers),
        (f"/roadmaps/milestones/{ids['es_milestone']}/progress/", {"progress": "90"}, es_writers),
        (
            f"/roadmaps/milestones/{ids['active_milestone']}/progress/",
            {"progress": "90"},
            fr_writers,
        ),
        (
            f"/roadmaps/from-meeting/{ids['published']}/",
            {"roadmap": ids["es_roadmap"], "title": "Changé", "due_date": "2030-06-01"},
            es_writers,
        ),
        (f"/admin/partners/organization/{ids['own']}/delete/", {"post": "yes"}, set()),
        (f"/admin/partners/person/{ids['own_person']}/change/", {"first_name": "X"}, set()),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_no_write_outside_a_roles_scope_changes_anything(client, world, role):
    _log_in(client, world, role)
    changed = []
    for url, data, allowed in out_of_scope_posts(world.ids):
        if role in allowed:
            continue
        before = snapshot()
        response = client.post(url, data)
        assert response.status_code < 500, url
        if snapshot() != before:
            changed.append(url)
    assert changed == []


def test_without_the_csrf_token_every_write_is_refused(world):
    for role in ("staff", "admin", "delegate_other", "council_other"):
        client = _log_in(Client(enforce_csrf_checks=True), world, role)
        for url, data, _allowed in out_of_scope_posts(world.ids):
            before = snapshot()
            response = client.post(url, data)
            assert response.status_code == 403, (role, url)
            assert snapshot() == before, (role, url)
