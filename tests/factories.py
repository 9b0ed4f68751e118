import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from partners.roles import role_group


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
        if create and extracted is not None:
            user.groups.add(role_group(extracted))


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
    owner = factory.SubFactory(PersonFactory)
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
