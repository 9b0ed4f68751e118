"""The directory part of the demo data: the partners of the July 2022 Casablanca meeting.

Names, roles and titles of the people the ONMT press release names are real.
Everyone it does not name (delegates abroad, staff) is a placeholder labelled
« (démo) ». The release tells who held which office at the meeting of 8 July
2022, not since when: mandates start on that day, marked as not the real start
(« en fonction le 08/07/2022 »). The ONMT–CNT agreement is dated « April 2022 »
by the release: its day is not shown, its term not given.
"""

import datetime

from .demo_data import (
    MANDATES,
    MARKETS_EN,
    ORGANIZATION_NAMES,
    ORGANIZATIONS,
    OTHER_MARKETS,
    PARENTS,
    STRATEGIC_MARKETS,
)
from .models import Market, Membership, Organization, PartnershipAgreement, Person, Region
from .regions import load_regions

# The press release shows these mandates held on the day of the meeting.
IN_OFFICE_ON = datetime.date(2022, 7, 8)
# Markets abroad have an ONMT delegation; the domestic market and Moroccans
# resident abroad do not (their roadmaps are ONMT staff's).
NO_DELEGATION = {"MA", "MRE"}


def _market(code, name, name_ar, *, strategic=True):
    market, _created = Market.objects.get_or_create(
        code=code, defaults={"name": name, "name_ar": name_ar, "is_strategic": strategic}
    )
    _fill_blank(market, name_en=MARKETS_EN[code])
    return market


def _organization(short_name, *, name_ar="", name_en="", **fields):
    organization = Organization.objects.filter(short_name__iexact=short_name).first()
    if organization is None:
        organization = Organization.objects.create(short_name=short_name, **fields)
    _fill_blank(organization, name_ar=name_ar, name_en=name_en)
    return organization


def _fill_blank(instance, **names) -> None:
    """Names added since an older seed: given where still blank, never overwritten."""
    missing = {
        field: value for field, value in names.items() if value and not getattr(instance, field)
    }
    if missing:
        for field, value in missing.items():
            setattr(instance, field, value)
        instance.save(
            update_fields=[*missing, *(["updated_at"] if hasattr(instance, "updated_at") else [])]
        )


def _person(first_name, last_name, *, user=None):
    person = Person.objects.filter(first_name=first_name, last_name=last_name).first()
    if person is None:
        person = Person.objects.create(first_name=first_name, last_name=last_name)
    if user is not None and person.user_id != user.pk:
        person.user = user
        person.save(update_fields=["user", "updated_at"])
    return person


def _mandate(person, organization, role, title):
    """A current mandate held on 8 July 2022, its real start unknown."""
    if Membership.objects.filter(person=person, organization=organization, role=role).exists():
        return
    Membership.objects.create(
        person=person,
        organization=organization,
        role=role,
        start_date=IN_OFFICE_ON,
        start_date_known=False,
        title=title,
    )


def seed_directory(*, users: dict) -> None:
    """Create what is missing; leave alone what an admin has since edited."""
    load_regions(Region)
    regions = {region.code: region for region in Region.objects.all()}
    organizations = {}
    for short_name, name, kind, sector, region_code, province in ORGANIZATIONS:
        name_ar, name_en = ORGANIZATION_NAMES[short_name]
        organizations[short_name] = _organization(
            short_name,
            name=name,
            name_ar=name_ar,
            name_en=name_en,
            kind=kind,
            sector=sector,
            region=regions.get(region_code),
            province=province,
        )
    for child, parent in PARENTS.items():
        if organizations[child].parent_id is None:
            organizations[child].parent = organizations[parent]
            organizations[child].save(update_fields=["parent", "updated_at"])

    onmt = organizations["ONMT"]
    for code, name, name_ar in STRATEGIC_MARKETS:
        market = _market(code, name, name_ar)
        if code in NO_DELEGATION:
            continue
        delegation = _organization(
            f"ONMT-{code}",
            name=f"Délégation ONMT — {name}",
            name_ar=f"مندوبية المكتب الوطني المغربي للسياحة — {name_ar}",
            name_en=f"ONMT delegation — {MARKETS_EN[code]}",
            kind=Organization.Kind.DELEGATION,
            sector=Organization.Sector.PUBLIC,
            parent=onmt,
        )
        delegation.markets.add(market)
        delegate = _person(
            f"Délégué ONMT {name}",
            "(démo)",
            user=users.get(f"delegate.{code.lower()}"),
        )
        _mandate(delegate, delegation, Membership.Role.DELEGATE, f"Délégué ONMT {name} (démo)")

    for code, name, name_ar in OTHER_MARKETS:
        _market(code, name, name_ar, strategic=False)

    for first_name, last_name, short_name, role, title, username in MANDATES:
        person = _person(first_name, last_name, user=users.get(username))
        _mandate(person, organizations[short_name], role, title)

    agreement, created = PartnershipAgreement.objects.get_or_create(
        title="Convention de partenariat ONMT – CNT",
        defaults={
            # « April 2022 » (the press release): the day is not shown.
            "signed_on": datetime.date(2022, 4, 1),
            "signed_in_month_only": True,
            "summary": (
                "Partenariat entre l'Office National Marocain du Tourisme et la "
                "Confédération Nationale du Tourisme pour la relance de la promotion "
                "touristique du Maroc."
            ),
        },
    )
    if created:
        agreement.parties.add(onmt, organizations["CNT"])
