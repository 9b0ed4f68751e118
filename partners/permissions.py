"""Who may see what in the directory. Every partners view asks here.

The directory itself is open to every portal role: partners need to find each
other. Personal contact details (a person's own e-mail and phone) are for ONMT
staff and delegates only; council members see organizations' contact details.
"""

from django.core.exceptions import PermissionDenied

from .roles import Role, roles_of


def has_portal_role(user) -> bool:
    return user.is_authenticated and (user.is_superuser or bool(roles_of(user)))


def is_onmt(user) -> bool:
    """ONMT staff, delegates and admins: the office's own people."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or bool({Role.ONMT_STAFF, Role.DELEGATE} & set(roles_of(user)))


def can_view_directory(user) -> bool:
    return has_portal_role(user)


def can_view_personal_contacts(user) -> bool:
    return is_onmt(user)


def current_organization_ids(user) -> frozenset[int]:
    """Organizations where the user's person holds a current mandate. Cached per request."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_current_organization_ids"):
        from .models import Membership

        user._current_organization_ids = frozenset(
            Membership.objects.current()
            .filter(person__user=user)
            .values_list("organization_id", flat=True)
        )
    return user._current_organization_ids


def can_download_agreement(user, agreement) -> bool:
    """ONMT's people, and members of the organizations that signed it."""
    if is_onmt(user):
        return True
    if not has_portal_role(user):
        return False
    party_ids = {party.pk for party in agreement.parties.all()}
    return bool(party_ids & current_organization_ids(user))


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def can_view_history(user) -> bool:
    """Change history is for ONMT staff and admins."""
    return user.is_authenticated and (user.is_superuser or Role.ONMT_STAFF in roles_of(user))
