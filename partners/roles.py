"""The portal's roles. Each is a Django group; DESIGN.md says what each may do.

Kept in `partners`, the leftmost app, so every app can import it.
"""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ONMT_STAFF = "onmt_staff", _("ONMT staff")
    DELEGATE = "delegate", _("ONMT delegate")
    COUNCIL = "council", _("Council member")


def role_group(role: Role) -> Group:
    """The group of a role, created if a flushed test database lost it."""
    group, _created = Group.objects.get_or_create(name=role.value)
    return group


def roles_of(user) -> list[Role]:
    """The roles a user holds, in the order of Role. Cached on the user object."""
    if not user.is_authenticated:
        return []
    if not hasattr(user, "_portal_roles"):
        names = set(user.groups.values_list("name", flat=True))
        user._portal_roles = [role for role in Role if role.value in names]
    return user._portal_roles
