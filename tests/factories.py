import datetime

import factory
from django.contrib.auth import get_user_model

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
