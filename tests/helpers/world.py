"""A world with a secret everywhere, and nine people looking at it.

Every object that someone must not see carries a unique marker in its title,
text or notes; the content and write matrices (tests/test_content_matrix.py)
fetch or post every page as each role and check which markers appear, and that
nothing out of a role's scope changes.
"""

import datetime
import io
from dataclasses import dataclass

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfReader

from meetings.models import Meeting
from partners.models import Membership, PartnershipAgreement, Person

from .factories import (
    MarketFactory,
    MeetingFactory,
    MembershipFactory,
    MilestoneFactory,
    OrganizationFactory,
    ParticipantFactory,
    RecommendationFactory,
    RoadmapFactory,
    UserFactory,
    onmt_office,
)

ROLES = [
    "admin",
    "staff",
    "delegate",  # of France
    "delegate_other",  # of Spain
    "council_own",  # of CRT-OWN
    "council_other",  # of CRT-OTHER
    "ended",  # France's delegate until yesterday
    "archived",  # a CRT-OWN member, archived
    "no_role",  # an account with no mandate at all
]
ONMT = {"admin", "staff", "delegate", "delegate_other"}
EVERYONE = ONMT | {"council_own", "council_other"}

# marker -> the roles who may see it somewhere
MARKERS = {
    "MARK-ACTIVE-ROADMAP": EVERYONE,
    "MARK-ACTIVE-MILESTONE": EVERYONE,
    "MARK-DRAFT-ROADMAP": ONMT,
    "MARK-DRAFT-MILESTONE": ONMT,
    "MARK-CLOSED-ROADMAP": ONMT,
    "MARK-CLOSED-MILESTONE": ONMT,
    # Its invitee reads a planned meeting's date, place and agenda (to answer it).
    "MARK-PLANNED-MEETING": ONMT | {"council_own"},
    "MARK-HELD-MEETING": ONMT,
    "MARK-HELD-MINUTES": ONMT,
    "MARK-PUBLISHED-MEETING": ONMT | {"council_own"},
    "MARK-PUBLISHED-MINUTES": ONMT | {"council_own"},
    "MARK-OWN-DRAFT": {"council_own"},
    "MARK-OTHER-DRAFT": {"council_other"},
    "MARK-OWN-SUBMITTED": {"admin", "staff", "delegate", "council_own"},
    "MARK-REVIEW-NOTES": {"admin", "staff", "delegate"},
    "MARK-ES-SUBMITTED": {"admin", "staff", "delegate_other", "council_other"},
    "MARK-AGREEMENT": ONMT | {"council_own"},
}
# Markers each role must find somewhere (they may see them, and the pages show them).
# Exports, feeds and the dossier are checked for leaks like every page.


@dataclass
class World:
    users: dict
    ids: dict


def build_world() -> World:
    fr, es = MarketFactory(code="FR"), MarketFactory(code="ES")
    office = onmt_office()
    own = OrganizationFactory(short_name="CRT-OWN", name="Conseil OWN")
    other = OrganizationFactory(short_name="CRT-OTHER", name="Conseil OTHER")
    delegation_fr = OrganizationFactory(short_name="ONMT-FR", kind="delegation")
    delegation_fr.markets.add(fr)
    delegation_es = OrganizationFactory(short_name="ONMT-ES", kind="delegation")
    delegation_es.markets.add(es)

    users = {name: UserFactory(username=f"w_{name}") for name in ROLES}
    users["admin"].is_staff = users["admin"].is_superuser = True
    users["admin"].save()
    mandate = {"start_date": datetime.date(2022, 1, 1)}
    MembershipFactory(person__user=users["staff"], organization=office, role="staff", **mandate)
    delegate = MembershipFactory(
        person__user=users["delegate"], organization=delegation_fr, role="delegate", **mandate
    ).person
    MembershipFactory(
        person__user=users["delegate_other"], organization=delegation_es, role="delegate"
    )
    own_person = MembershipFactory(
        person__user=users["council_own"], organization=own, role="president", **mandate
    ).person
    other_person = MembershipFactory(
        person__user=users["council_other"], organization=other, role="president", **mandate
    ).person
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    MembershipFactory(
        person__user=users["ended"],
        organization=delegation_fr,
        role="delegate",
        start_date=datetime.date(2021, 1, 1),
        end_date=yesterday,
    )
    archived = MembershipFactory(person__user=users["archived"], organization=own).person
    Person.objects.filter(pk=archived.pk).update(is_active=False)
    type(users["archived"]).objects.filter(pk=users["archived"].pk).update(is_active=False)

    active = RoadmapFactory(market=fr, owner=delegate, status="active", title="MARK-ACTIVE-ROADMAP")
    draft = RoadmapFactory(
        market=fr,
        owner=delegate,
        status="draft",
        title="MARK-DRAFT-ROADMAP",
        starts_on=datetime.date(2031, 1, 1),
        ends_on=datetime.date(2031, 12, 31),
    )
    closed = RoadmapFactory(
        market=fr,
        owner=delegate,
        status="closed",
        title="MARK-CLOSED-ROADMAP",
        starts_on=datetime.date(2029, 1, 1),
        ends_on=datetime.date(2029, 12, 31),
    )
    es_roadmap = RoadmapFactory(market=es, status="active", title="Feuille de route ES")
    active_milestone = MilestoneFactory(
        roadmap=active, title="MARK-ACTIVE-MILESTONE", owner=delegate
    )
    draft_milestone = MilestoneFactory(roadmap=draft, title="MARK-DRAFT-MILESTONE", owner=delegate)
    MilestoneFactory(roadmap=closed, title="MARK-CLOSED-MILESTONE", owner=delegate)
    es_milestone = MilestoneFactory(roadmap=es_roadmap, title="Jalon ES")

    now = timezone.now()
    planned = MeetingFactory(title="MARK-PLANNED-MEETING", organizer=office)
    held = MeetingFactory(
        title="MARK-HELD-MEETING",
        organizer=office,
        starts_at=now - datetime.timedelta(days=3),
        ends_at=now - datetime.timedelta(days=3, hours=-2),
    )
    published = MeetingFactory(
        title="MARK-PUBLISHED-MEETING",
        organizer=office,
        starts_at=now - datetime.timedelta(days=10),
        ends_at=now - datetime.timedelta(days=10, hours=-2),
    )
    for meeting in (planned, held, published):
        meeting.markets.add(fr)
        ParticipantFactory(meeting=meeting, person=own_person, organization=own)
    Meeting.objects.filter(pk=held.pk).update(status="held", minutes="MARK-HELD-MINUTES")
    Meeting.objects.filter(pk=published.pk).update(
        status="published", minutes="MARK-PUBLISHED-MINUTES", published_at=now
    )
    # Follow-ups that would leak a meeting's or a roadmap's title through another page.
    active_milestone.source_meeting = held
    active_milestone.save()

    own_draft = RecommendationFactory(
        organization=own, author=own_person, status="draft", submitted_at=None,
        title="MARK-OWN-DRAFT", markets=[fr],
    )  # fmt: skip
    other_draft = RecommendationFactory(
        organization=other, author=other_person, status="draft", submitted_at=None,
        title="MARK-OTHER-DRAFT", markets=[fr],
    )  # fmt: skip
    own_submitted = RecommendationFactory(
        organization=own, author=own_person, status="under_review",
        title="MARK-OWN-SUBMITTED", review_notes="MARK-REVIEW-NOTES", markets=[fr],
    )  # fmt: skip
    es_submitted = RecommendationFactory(
        organization=other, author=other_person, status="submitted",
        title="MARK-ES-SUBMITTED", markets=[es],
    )  # fmt: skip
    draft_milestone.recommendations.add(own_submitted)

    agreement = PartnershipAgreement.objects.create(
        title="MARK-AGREEMENT", signed_on=datetime.date(2022, 4, 1)
    )
    agreement.parties.add(office, own)
    agreement.document.save("c.pdf", SimpleUploadedFile("c.pdf", b"%PDF-1.4\n%%EOF\n"))

    ids = {
        "fr": fr.pk, "es": es.pk, "own": own.pk, "other": other.pk,
        "delegation_fr": delegation_fr.pk, "own_person": own_person.pk,
        "active": active.pk, "draft": draft.pk, "closed": closed.pk, "es_roadmap": es_roadmap.pk,
        "active_milestone": active_milestone.pk, "draft_milestone": draft_milestone.pk,
        "es_milestone": es_milestone.pk,
        "planned": planned.pk, "held": held.pk, "published": published.pk,
        "own_draft": own_draft.pk, "other_draft": other_draft.pk,
        "own_submitted": own_submitted.pk, "es_submitted": es_submitted.pk,
        "agreement": agreement.pk,
    }  # fmt: skip
    tokens = {}
    for name, user in users.items():
        person = Person.objects.filter(user=user).first()
        if person is not None:
            token = f"feed-of-{name}"
            Person.objects.filter(pk=person.pk).update(
                calendar_token=Person.calendar_token_digest(token)
            )
            tokens[name] = token
    ids["tokens"] = tokens
    assert Membership.objects.filter(person__user=users["ended"]).count() == 1
    return World(users=users, ids=ids)


def pages(ids: dict, role: str) -> list[tuple[str, dict]]:
    """Every page, fragment, export, feed and PDF, with the headers to send."""
    htmx = {"HTTP_HX_REQUEST": "true"}
    urls = [
        "/",
        "/accounts/profile/",
        "/partners/",
        "/partners/?q=MARK",
        f"/partners/{ids['own']}/",
        f"/partners/{ids['other']}/",
        f"/partners/{ids['delegation_fr']}/",
        f"/partners/people/{ids['own_person']}/",
        f"/partners/agreements/{ids['agreement']}/document/",
        "/meetings/",
        "/meetings/?when=past",
        "/meetings/people/search/?people_q=MARK",
        "/recommendations/",
        "/recommendations/?status=draft",
        "/recommendations/export.csv",
        "/recommendations/export.xlsx",
        "/roadmaps/",
        "/roadmaps/markets/FR/dossier.xlsx",
        "/roadmaps/markets/ES/dossier.xlsx",
    ]
    for meeting in ("planned", "held", "published"):
        base = f"/meetings/{ids[meeting]}/"
        urls += [base, base + "edit/", base + "outcomes/", base + "calendar.ics"]
        urls += [base + "minutes.pdf"]
    for recommendation in ("own_draft", "other_draft", "own_submitted", "es_submitted"):
        base = f"/recommendations/{ids[recommendation]}/"
        urls += [base, base + "edit/", base + "review/"]
    for roadmap in ("active", "draft", "closed", "es_roadmap"):
        base = f"/roadmaps/{ids[roadmap]}/"
        urls += [base, base + "edit/", base + "export.xlsx", base + "milestones/new/"]
    for milestone in ("active_milestone", "draft_milestone", "es_milestone"):
        urls.append(f"/roadmaps/milestones/{ids[milestone]}/edit/")
    found = [(url, {}) for url in urls]
    found += [("/partners/?q=MARK", htmx), ("/meetings/?when=past", htmx)]
    found += [("/recommendations/?status=draft", htmx)]
    if role in ids["tokens"]:
        found.append((f"/calendar/{ids['tokens'][role]}.ics", {}))
    return found


def body_text(response) -> str:
    """What a reader would see in the response, whatever its type."""
    content_type = response.get("Content-Type", "")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if "spreadsheetml" in content_type:
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        return " ".join(
            str(cell.value)
            for sheet in workbook
            for row in sheet.iter_rows()
            for cell in row
            if cell.value is not None
        )
    if content_type.startswith("application/pdf"):
        if not content.startswith(b"%PDF"):
            return ""
        try:
            return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
        except Exception:  # a stub document (the agreement) has no pages to read
            return content.decode("latin-1")
    return content.decode("utf-8", errors="replace")
