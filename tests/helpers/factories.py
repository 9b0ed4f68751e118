import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from partners.roles import Role, role_group


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct-horse-battery")

    @factory.post_generation
    def role(user, create, extracted, **kwargs):
        """Rights come from mandates (partners/roles.py), so a role is given as one:
        ONMT staff hold a current mandate at ONMT; delegates one in a delegation
        that covers no market (each test adds the delegation of the markets it is
        about). Council members get theirs from each test, in the council the test
        is about, as a council member without one has no rights at all."""
        if not create or extracted is None:
            return
        user.groups.add(role_group(extracted))  # the admin's label only
        if extracted == Role.COUNCIL:
            return
        from partners.models import Membership, Organization, Person

        if extracted == Role.ONMT_STAFF:
            organization = onmt_office()
        else:
            organization = Organization.objects.filter(short_name="ONMT-DEL").first()
            organization = organization or Organization.objects.create(
                name="Délégation ONMT (tests)",
                short_name="ONMT-DEL",
                kind="delegation",
                sector="public",
            )
        person = Person.objects.filter(user=user).first() or Person.objects.create(
            user=user,
            first_name=user.first_name,
            last_name=user.last_name or user.username,
            email=user.email,
        )
        Membership.objects.create(
            person=person,
            organization=organization,
            role="staff" if extracted == Role.ONMT_STAFF else "delegate",
            start_date=datetime.date(2022, 1, 1),
        )


class MarketFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partners.Market"
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"M{n:03d}")
    name = factory.LazyAttribute(lambda market: f"Marché {market.code}")
    is_strategic = True


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partners.Organization"

    name = factory.Sequence(lambda n: f"Conseil Régional du Tourisme n°{n}")
    short_name = factory.Sequence(lambda n: f"CRT-{n}")
    kind = "regional_council"
    sector = "public_private"
    email = factory.LazyAttribute(lambda org: f"contact@{org.short_name.lower()}.example.ma")
    phone = "+212 5 22 00 00 00"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partners.Person"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # An account has one person: PersonFactory(user=u) finds it when it exists
        # (staff and delegates get theirs with their role).
        user = kwargs.get("user")
        if user is not None:
            existing = model_class.objects.filter(user=user).first()
            if existing is not None:
                return existing
        return super()._create(model_class, *args, **kwargs)

    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Sequence(lambda n: f"Nom{n}")
    email = factory.Sequence(lambda n: f"person{n}@example.ma")
    phone = factory.Sequence(lambda n: f"+212 6 00 00 {n:04d}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partners.Membership"

    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = "member"
    title = ""
    start_date = datetime.date(2022, 1, 1)


class MandatedPersonFactory(PersonFactory):
    """A person holding a current mandate (in a council of their own): the one kind
    of person the portal gives rights to and writes reminders to."""

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def mandate(person, create, extracted, **kwargs):
        if create and extracted is not False:
            MembershipFactory(person=person)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "meetings.Meeting"

    title = factory.Sequence(lambda n: f"Réunion de coordination n°{n}")
    kind = "task_force"
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda meeting: meeting.starts_at + datetime.timedelta(hours=3))
    location = "Casablanca"
    organizer = factory.SubFactory(
        OrganizationFactory, short_name=factory.Sequence(lambda n: f"ORG-{n}")
    )


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "meetings.Participant"

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrganizationFactory)


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "meetings.Outcome"

    meeting = factory.SubFactory(MeetingFactory)
    kind = "decision"
    text = factory.Sequence(lambda n: f"Décision n°{n}")


class RoadmapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "roadmaps.Roadmap"

    market = factory.SubFactory(MarketFactory)
    title = factory.LazyAttribute(lambda roadmap: f"Feuille de route {roadmap.market.code} 2030")
    starts_on = datetime.date(2030, 1, 1)
    ends_on = datetime.date(2030, 12, 31)
    owner = factory.SubFactory(MandatedPersonFactory)
    status = "active"


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "roadmaps.Milestone"

    roadmap = factory.SubFactory(RoadmapFactory)
    title = factory.Sequence(lambda n: f"Jalon n°{n}")
    due_date = factory.LazyAttribute(lambda m: m.roadmap.starts_on + datetime.timedelta(days=30))
    owner = factory.LazyAttribute(lambda m: m.roadmap.owner)


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "roadmaps.Recommendation"
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)
    author = factory.SubFactory(PersonFactory)
    theme = "promotion"
    title = factory.Sequence(lambda n: f"Recommandation n°{n}")
    body = "Renforcer la promotion digitale."
    status = "submitted"
    submitted_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def markets(recommendation, create, extracted, **kwargs):
        if create:
            recommendation.markets.set(extracted or [MarketFactory(code="FR")])


def onmt_office():
    """ONMT itself (kind "office"): a current mandate there makes someone ONMT staff."""
    from partners.models import Organization

    office = Organization.objects.filter(short_name__iexact="ONMT").first()
    return office or Organization.objects.create(
        name="Office National Marocain du Tourisme",
        short_name="ONMT",
        kind="office",
        sector="public",
    )
