"""The partner directory: who the portal's partners are, and who speaks for them."""

from .agreements import PartnershipAgreement, private_storage
from .names import in_reader_language, name_fields
from .organizations import ActiveQuerySet, Organization
from .people import Membership, MembershipQuerySet, Person, PersonQuerySet
from .places import Market, Region

__all__ = [
    "ActiveQuerySet",
    "Market",
    "Membership",
    "MembershipQuerySet",
    "Organization",
    "PartnershipAgreement",
    "Person",
    "PersonQuerySet",
    "Region",
    "in_reader_language",
    "name_fields",
    "private_storage",
]
