"""The portal's roles and their predicates: the one place that says who someone is.

Rights follow mandates. A user's roles are read, at each request, from the
mandates their person holds today (Membership.current()) in active
organizations:

- ONMT staff: a current mandate at the office (ONMT itself);
- delegate: a current mandate in an ONMT delegation, for its markets;
- council member: a current mandate in a council, federation, confederation,
  airline or other partner, for those organizations.

So an end date set anywhere — the admin, an import, a hand-over, the shell —
takes what the mandate gave away on the next request; an archived person has
no current rights. The superuser alone stands outside this rule. The Django
groups of the same names are only a label in the admin's user list: no right
is ever read from them.

Every app's permissions.py decides what each role may see and do; this module
only answers "is this user ONMT staff, a delegate, a council member — and of
which markets or organizations?". It lives in the directory, not in the shared
kernel (core/), because the answers come from the directory's mandates. The
answers are cached on the user object, which lives for one request.
"""

from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ONMT_STAFF = "onmt_staff", _("ONMT staff")
    DELEGATE = "delegate", _("ONMT delegate")
    COUNCIL = "council", _("Council member")


# Organization kinds (partners.models.Organization.Kind values) and the role a
# current mandate there gives. Plain strings: this module loads before models.
OFFICE_KINDS = frozenset({"office"})
DELEGATION_KINDS = frozenset({"delegation"})
COUNCIL_KINDS = frozenset(
    {"confederation", "federation", "regional_council", "provincial_council", "airline", "other"}
)


def roles_for_kinds(kinds: Iterable[str]) -> list[Role]:
    """The roles that mandates in organizations of these kinds give, in Role order."""
    kinds = set(kinds)
    roles = []
    if kinds & OFFICE_KINDS:
        roles.append(Role.ONMT_STAFF)
    if kinds & DELEGATION_KINDS:
        roles.append(Role.DELEGATE)
    if kinds & COUNCIL_KINDS:
        roles.append(Role.COUNCIL)
    return roles


def role_group(role: Role) -> Group:
    """The group of a role (a label in the admin), created if missing."""
    group, _created = Group.objects.get_or_create(name=role.value)
    return group


def _current_mandates(user) -> tuple[tuple[int, str], ...]:
    """(organization id, organization kind) of each mandate the user's person holds
    today. One query per request, cached on the user object."""
    if not user.is_authenticated:
        return ()
    if not hasattr(user, "_current_mandates"):
        from .models import Membership

        user._current_mandates = tuple(
            Membership.objects.current()
            .filter(person__user=user, person__is_active=True, organization__is_active=True)
            .values_list("organization_id", "organization__kind")
        )
    return user._current_mandates


def roles_of(user) -> list[Role]:
    """The roles a user holds today, from their current mandates."""
    return roles_for_kinds(kind for _organization, kind in _current_mandates(user))


def has_portal_role(user) -> bool:
    """An admin, or someone holding one of the portal's roles today."""
    return user.is_authenticated and (user.is_superuser or bool(roles_of(user)))


def is_staff(user) -> bool:
    """ONMT staff, and admins."""
    return user.is_authenticated and (user.is_superuser or Role.ONMT_STAFF in roles_of(user))


def is_delegate(user) -> bool:
    return Role.DELEGATE in roles_of(user)


def is_council(user) -> bool:
    return Role.COUNCIL in roles_of(user)


def is_onmt(user) -> bool:
    """The office's own people: ONMT staff, delegates and admins."""
    return is_staff(user) or is_delegate(user)


def current_organization_ids(user) -> frozenset[int]:
    """Organizations where the user's person holds a current mandate."""
    return frozenset(organization for organization, _kind in _current_mandates(user))


def council_organization_ids(user) -> frozenset[int]:
    """The organizations a council member acts for: their current council mandates."""
    return frozenset(
        organization for organization, kind in _current_mandates(user) if kind in COUNCIL_KINDS
    )


def delegate_market_ids(user) -> frozenset[int]:
    """Markets covered by the delegations where the user holds a current mandate."""
    delegations = [
        organization for organization, kind in _current_mandates(user) if kind in DELEGATION_KINDS
    ]
    if not delegations:
        return frozenset()
    if not hasattr(user, "_delegate_market_ids"):
        from .models import Market

        user._delegate_market_ids = frozenset(
            Market.objects.filter(organizations__in=delegations).values_list("pk", flat=True)
        )
    return user._delegate_market_ids
