import pytest
from django.core.management import call_command
from django.utils import timezone

from partners.models import Market, Membership, Organization, PartnershipAgreement, Person

pytestmark = pytest.mark.django_db

NAMED_PRESIDENTS = {
    "CNT": ("Hamid", "Bentahar", "Président de la CNT"),
    "FNIH": ("Lahcen", "Zelmat", "Président de la FNIH"),
    "CRT Fès-Meknès": ("Aziz", "Lebbar", "Président du CRT de Fès-Meknès"),
    "CRT Rabat-Salé-Kénitra": ("Hassan", "Bargach", "Président du CRT de Rabat-Salé-Kénitra"),
    "CRT Béni Mellal-Khénifra": (
        "Younès",
        "El Laraqui",
        "Président du CRT de Béni Mellal-Khénifra",
    ),
    "CRT Drâa-Tafilalet": ("Mohamed", "Takhchi", "Président du CRT de Drâa-Tafilalet"),
    "CPT Ouarzazate": ("Siham", "Rida", "Présidente du CPT de Ouarzazate"),
    "CPT Meknès": ("Adil", "Terrab", "Président du CPT de Meknès"),
}


def snapshot():
    return {
        "organizations": sorted(Organization.objects.values_list("short_name", "updated_at")),
        "people": sorted(Person.objects.values_list("pk", "updated_at", "user_id")),
        "mandates": sorted(Membership.objects.values_list("pk", "person_id", "organization_id")),
        "markets": sorted(Market.objects.values_list("code", flat=True)),
        "agreements": list(PartnershipAgreement.objects.values_list("pk", "updated_at")),
    }


def test_seed_demo_loads_the_real_partners_of_july_2022_and_is_idempotent():
    call_command("seed_demo", force=True)
    first = snapshot()
    call_command("seed_demo", force=True)
    assert snapshot() == first

    for short_name, (first_name, last_name, title) in NAMED_PRESIDENTS.items():
        mandate = Membership.objects.current().get(
            organization__short_name=short_name, role="president"
        )
        assert (mandate.person.first_name, mandate.person.last_name, mandate.title) == (
            first_name,
            last_name,
            title,
        )
    director = Membership.objects.get(organization__short_name="ONMT", role="director_general")
    assert director.person.full_name == "Adel El Fakir"
    assert Organization.objects.filter(short_name="RAM", kind="airline").exists()
    assert Organization.objects.get(short_name="FNIH").parent.short_name == "CNT"


def test_seed_demo_gives_every_market_abroad_one_delegation_and_links_the_accounts():
    call_command("seed_demo", force=True)

    abroad = {"FR", "ES", "UK", "DE", "IT", "BE", "NL", "US", "CA", "CN", "GCC"}
    strategic = set(Market.objects.filter(is_strategic=True).values_list("code", flat=True))
    assert abroad | {"MA", "MRE"} <= strategic
    for code in abroad:
        delegations = Organization.objects.filter(kind="delegation", markets__code=code)
        assert delegations.count() == 1, code
    # The domestic market and Moroccans resident abroad: no delegation abroad.
    assert not Organization.objects.filter(kind="delegation", markets__code__in=["MA", "MRE"])
    placeholders = Person.objects.filter(last_name="(démo)")
    assert placeholders.filter(first_name="Délégué ONMT France").exists()

    assert Person.objects.get(user__username="crt.fes").full_name == "Aziz Lebbar"
    assert Person.objects.get(user__username="crt.rabat").full_name == "Hassan Bargach"
    assert Person.objects.get(user__username="cpt.ouarzazate").full_name == "Siham Rida"
    france = Person.objects.get(user__username="delegate.fr")
    assert france.memberships.get().organization.markets.get().code == "FR"

    agreement = PartnershipAgreement.objects.get()
    assert agreement.signed_on.year == 2022 and agreement.signed_on.month == 4
    assert agreement.signed_in_month_only  # « April 2022 »: the day is not given
    assert agreement.ends_on is None and agreement.starts_on is None
    assert sorted(agreement.parties.values_list("short_name", flat=True)) == ["CNT", "ONMT"]


def test_seed_demo_publishes_the_8_july_2022_casablanca_meeting_with_its_outcomes():
    from meetings.models import Meeting

    call_command("seed_demo", force=True)
    call_command("seed_demo", force=True)

    meeting = Meeting.objects.get(starts_at__date="2022-07-08")
    assert meeting.status == "published"
    assert meeting.organizer.short_name == "ONMT"
    who = {p.person.full_name for p in meeting.participants.select_related("person")}
    assert {"Hamid Bentahar", "Lahcen Zelmat", "Aziz Lebbar", "Siham Rida", "Adil Terrab"} <= who
    assert "Délégué ONMT France (démo)" in who
    kinds = set(meeting.outcomes.values_list("kind", flat=True))
    assert {"expectation", "feedback", "insight", "decision", "commitment"} <= kinds
    assert meeting.outcomes.filter(text__contains="2019").exists()
    assert (
        Meeting.objects.filter(title__contains="Royal Air Maroc", status="published").count() == 1
    )
    # ... and a demonstration workshop still to come, labelled as such, where CRT
    # Fès-Meknès is invited; an expectation of the CRT at the 8 July meeting.
    assert Meeting.objects.count() == 3
    workshop = Meeting.objects.get(status="planned")
    assert "(démo)" in workshop.title and workshop.starts_at > timezone.now()
    assert workshop.participants.filter(person__user__username="crt.fes").exists()
    fes = meeting.outcomes.get(organization__short_name="CRT Fès-Meknès")
    assert fes.kind == "expectation" and "(démonstration)" in fes.text


def test_seed_demo_closes_the_2022_and_2023_roadmaps_and_keeps_one_current_demo_roadmap():
    from roadmaps.models import Recommendation, Roadmap

    call_command("seed_demo", force=True)
    call_command("seed_demo", force=True)
    today = timezone.localdate()

    for market in Market.objects.filter(is_strategic=True):
        roadmaps = Roadmap.objects.filter(market=market).order_by("starts_on")
        assert [(str(r.starts_on), str(r.ends_on), r.status) for r in roadmaps[:2]] == [
            ("2022-07-01", "2022-12-31", "closed"),
            ("2023-01-01", "2023-12-31", "closed"),
        ], market.code
        [current] = roadmaps[2:]
        assert current.status == "active" and "(démo)" in current.title
        assert current.starts_on <= today <= current.ends_on
    assert not Roadmap.objects.filter(status="active", ends_on__lt=today).exists()
    france = Roadmap.objects.get(market__code="FR", status="active")
    assert france.owner.user.username == "delegate.fr"
    assert Roadmap.objects.get(market__code="MA", status="active").owner.user.username == (
        "onmt.staff"
    )
    statuses = set(Recommendation.objects.values_list("status", flat=True))
    assert statuses == set(Recommendation.Status.values)
    assert Recommendation.objects.filter(status="accepted", milestones__isnull=False).exists()
    assert Recommendation.objects.count() == 7


def test_seed_demo_puts_nothing_invented_in_a_real_persons_name():
    from meetings.models import Meeting
    from roadmaps.models import Milestone, Recommendation, RecommendationMessage

    call_command("seed_demo", force=True)
    named = {(first, last) for first, last, _title in NAMED_PRESIDENTS.values()}
    named |= {("Adel", "El Fakir")}
    real = [p for p in Person.objects.all() if (p.first_name, p.last_name) in named]
    assert len(real) == len(named)

    for recommendation in Recommendation.objects.select_related("author"):
        assert recommendation.author not in real, recommendation.title
        assert "(démo)" in recommendation.title
    authors = RecommendationMessage.objects.values_list("author__person", flat=True)
    assert not set(authors) & {p.pk for p in real}
    assert all("(démo)" in title for title in Milestone.objects.values_list("title", flat=True))
    # Dates the press release does not give are not shown as facts.
    for mandate in Membership.objects.filter(person__in=real):
        assert not mandate.start_date_known and str(mandate.start_date) == "2022-07-08"
    ram = Meeting.objects.get(title__contains="Royal Air Maroc")
    assert "(date : démo)" in ram.title
    # The objective, as the press release words it.
    assert (
        "peut-être même à les dépasser"
        in Meeting.objects.get(title__startswith="Rencontre de la task force").minutes
    )


def test_the_daily_scan_on_fresh_demo_data_sends_nothing_about_2022_or_2023():
    from roadmaps.models import ReminderLog
    from roadmaps.services import reminders

    call_command("seed_demo", force=True)

    result = reminders.scan(timezone.localdate(), dispatch=lambda recipient_id: None)

    years = {log.due_date.year for log in ReminderLog.objects.all()}
    assert result.claimed > 0  # the current demo roadmap has work due soon
    assert not years & {2022, 2023}
    assert not ReminderLog.objects.filter(kind__startswith="escalation").exists()
