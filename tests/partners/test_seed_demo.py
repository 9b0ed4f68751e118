import pytest
from django.core.management import call_command

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


def test_seed_demo_gives_every_strategic_market_one_delegation_and_links_the_accounts():
    call_command("seed_demo", force=True)

    codes = {"FR", "ES", "UK", "DE", "IT", "BE", "NL", "US", "CA", "CN", "GCC", "MA", "MRE"}
    assert codes <= set(Market.objects.filter(is_strategic=True).values_list("code", flat=True))
    for code in codes:
        delegations = Organization.objects.filter(kind="delegation", markets__code=code)
        assert delegations.count() == 1, code
    placeholders = Person.objects.filter(last_name="(démo)")
    assert placeholders.filter(first_name="Délégué ONMT France").exists()

    assert Person.objects.get(user__username="crt.fes").full_name == "Aziz Lebbar"
    assert Person.objects.get(user__username="crt.rabat").full_name == "Hassan Bargach"
    assert Person.objects.get(user__username="cpt.ouarzazate").full_name == "Siham Rida"
    france = Person.objects.get(user__username="delegate.fr")
    assert france.memberships.get().organization.markets.get().code == "FR"

    agreement = PartnershipAgreement.objects.get()
    assert agreement.signed_on.year == 2022 and agreement.signed_on.month == 4
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
    assert Meeting.objects.count() == 2


def test_seed_demo_gives_each_strategic_market_two_roadmaps_and_recommendations_in_every_status():
    from roadmaps.models import Recommendation, Roadmap

    call_command("seed_demo", force=True)
    call_command("seed_demo", force=True)

    for market in Market.objects.filter(is_strategic=True):
        periods = sorted(Roadmap.objects.filter(market=market).values_list("starts_on", "ends_on"))
        assert [(str(start), str(end)) for start, end in periods] == [
            ("2022-07-01", "2022-12-31"),
            ("2023-01-01", "2023-12-31"),
        ], market.code
    france = Roadmap.objects.get(market__code="FR", starts_on__year=2023)
    assert france.owner.user.username == "delegate.fr"
    assert france.milestones.count() >= 3
    statuses = set(Recommendation.objects.values_list("status", flat=True))
    assert statuses == set(Recommendation.Status.values)
    assert Recommendation.objects.filter(status="accepted", milestones__isnull=False).exists()
    assert Recommendation.objects.count() == 7
