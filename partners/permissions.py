"""Who may see what in the directory. Every partners view asks here.

The directory itself is open to every portal role: partners need to find each
other. Personal contact details (a person's own e-mail and phone) are for ONMT
staff and delegates only; council members see organizations' contact details.
Change history is for ONMT staff (every app's pages ask can_view_history).
"""

from django.core.exceptions import PermissionDenied

from .roles import current_organization_ids, has_portal_role, is_onmt, is_staff


def require(allowed: bool) -> None:
    """403 unless allowed: the views' one way of refusing."""
    if not allowed:
        raise PermissionDenied


def can_view_directory(user) -> bool:
    return has_portal_role(user)


def can_view_personal_contacts(user) -> bool:
    return is_onmt(user)


def can_download_agreement(user, agreement) -> bool:
    """ONMT's people, and members of the organizations that signed it."""
    if is_onmt(user):
        return True
    if not has_portal_role(user):
        return False
    party_ids = {party.pk for party in agreement.parties.all()}
    return bool(party_ids & current_organization_ids(user))


def can_search_by_email(user) -> bool:
    """Matching people by their e-mail address is for ONMT staff: for anyone else
    a search would confirm a private address."""
    return is_staff(user)


def can_view_history(user) -> bool:
    """Change history is for ONMT staff and admins."""
    return is_staff(user)
