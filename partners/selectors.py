"""Reads of the directory that cross relations, shared by views and exports."""

from collections.abc import Iterable

from django.db.models import Prefetch, Q, QuerySet
from django.db.models.functions import Lower
from django.db.models.lookups import Exact

from .extensions import Holding, holdings
from .models import (
    Membership,
    Organization,
    PartnershipAgreement,
    Person,
    Region,
    name_fields,
)


def _contains(field: str) -> str:
    # Accent-insensitive: "fes" finds "Fès", through the trigram indexes of the
    # organizations' and people's names (core/search.py; SQLite too).
    return f"{field}__indexed_unaccent__icontains"


def _person_matches(term: str, prefix: str = "", *, by_email: bool = False) -> Q:
    """A person whose name contains the term — or, for those who may read personal
    contacts' addresses (ONMT staff), whose e-mail is the term: anyone else could
    otherwise confirm a private address by searching for it."""
    matches = Q(**{_contains(f"{prefix}first_name"): term}) | Q(
        **{_contains(f"{prefix}last_name"): term}
    )
    if by_email:
        # lower(email) = … among non-empty addresses: what the unique index of
        # e-mails covers (email__iexact would compare UPPER() and scan the table).
        matches |= Q(Exact(Lower(f"{prefix}email"), term.lower())) & ~Q(**{f"{prefix}email": ""})
    return matches


def _current_presidents() -> Prefetch:
    return Prefetch(
        "memberships",
        queryset=Membership.objects.current()
        .filter(role=Membership.Role.PRESIDENT)
        .select_related("person"),
        to_attr="current_presidents",
    )


def directory_organizations(
    *,
    q: str = "",
    kind: str = "",
    region: Region | None = None,
    include_archived: bool = False,
    by_email: bool = False,
) -> QuerySet[Organization]:
    """The directory's organizations: every search word must match the organization
    (its name in any language, short name, province) or one of its current members' names."""
    organizations = Organization.objects.select_related("region").prefetch_related(
        _current_presidents()
    )
    if not include_archived:
        organizations = organizations.active()
    if kind:
        organizations = organizations.filter(kind=kind)
    if region is not None:
        organizations = organizations.filter(region=region)
    for term in q.split():
        # The organizations of matching members read first (through the people's
        # search indexes): every branch below is then answered by an index, and
        # PostgreSQL ORs them instead of scanning the table.
        with_member = list(
            Membership.objects.current()
            .filter(person__in=Person.objects.filter(_person_matches(term, by_email=by_email)))
            .order_by()
            .values_list("organization_id", flat=True)
            .distinct()
        )
        names = Q()
        for field in name_fields():
            names |= Q(**{_contains(field): term})
        organizations = organizations.filter(
            names
            | Q(**{_contains("short_name"): term})
            | Q(**{_contains("province"): term})
            | Q(pk__in=with_member)
        )
    return organizations.order_by("name", "pk")


def directory_people(
    *, q: str, include_archived: bool = False, by_email: bool = False
) -> QuerySet[Person]:
    """People whose names match every search word, with their current mandates."""
    people = Person.objects.all() if include_archived else Person.objects.active()
    terms = q.split()
    if not terms:
        return people.none()
    for term in terms:
        people = people.filter(_person_matches(term, by_email=by_email))
    return people.prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.current().select_related("organization"),
            to_attr="current_memberships",
        )
    ).order_by("last_name", "first_name", "pk")


def organization_page(organization: Organization) -> dict:
    """Everything the organization page shows, in a fixed number of queries."""
    memberships = list(
        organization.memberships.select_related("person").order_by("-start_date", "pk")
    )
    current = [m for m in memberships if m.is_current]
    # President first, then by role, then by name.
    role_order = {role: index for index, role in enumerate(Membership.Role.values)}
    current.sort(key=lambda m: (role_order[m.role], m.person.last_name, m.person.first_name))
    return {
        "current_memberships": current,
        "past_memberships": [m for m in memberships if not m.is_current],
        "markets": list(organization.markets.all()),
        "members": list(organization.members.active().select_related("region").order_by("name")),
        "agreements": list(
            PartnershipAgreement.objects.filter(parties=organization)
            .prefetch_related("parties")
            .order_by("-signed_on", "pk")
        ),
    }


def person_page(person: Person) -> dict:
    memberships = list(
        person.memberships.select_related("organization").order_by("-start_date", "pk")
    )
    return {
        "current_memberships": [m for m in memberships if m.is_current],
        "past_memberships": [m for m in memberships if not m.is_current],
    }


def mandate_organizations(person_ids: Iterable[int]) -> dict[int, list[Organization]]:
    """For each person, the organizations of their mandates, current ones first.
    One query for any number of people (participant pickers)."""
    result: dict[int, list[Organization]] = {person_id: [] for person_id in person_ids}
    memberships = (
        Membership.objects.filter(person_id__in=result)
        .select_related("organization")
        .order_by("person_id", "-start_date")
    )
    for membership in memberships:
        organizations = result[membership.person_id]
        if membership.organization not in organizations:
            if membership.is_current:
                organizations.insert(0, membership.organization)
            else:
                organizations.append(membership.organization)
    return result


def mandate_holdings(mandate: Membership) -> list[tuple[Holding, list]]:
    """What the holder of a mandate holds through it (partners/extensions.py), kind
    by kind: within the mandate's organization, or everything they hold when it is
    their last current mandate (nobody else would be left to hold it)."""
    last_one = (
        not Membership.objects.current()
        .filter(person_id=mandate.person_id)
        .exclude(pk=mandate.pk)
        .exists()
    )
    return [
        (holding, list(holding.held(mandate.person, mandate.organization, everything=last_one)))
        for holding in holdings()
    ]


def picker_organizations(user, term: str) -> QuerySet[Organization]:
    """Active organizations whose short name or name holds every word (core/pickers.py)."""
    organizations = Organization.objects.active()
    for word in term.split()[:8]:
        organizations = organizations.filter(
            Q(**{_contains("short_name"): word}) | Q(**{_contains("name"): word})
        )
    return organizations.order_by("short_name", "pk")


def picker_people(user, term: str) -> QuerySet[Person]:
    """People work can be given to (a current mandate) whose names hold every word."""
    people = Person.objects.mandated()
    for word in term.split()[:8]:
        people = people.filter(_person_matches(word))
    return people.order_by("last_name", "first_name", "pk")
