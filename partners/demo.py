"""The directory part of the demo data: the partners of the July 2022 Casablanca meeting.

Names, roles and titles of the people the ONMT press release names are real.
Everyone it does not name (delegates abroad, staff) is a placeholder labelled
« (démo) ». Mandate start dates are demonstration values, not historical facts.
"""

import datetime

from .models import Market, Membership, Organization, PartnershipAgreement, Person, Region
from .regions import load_regions

DEMO_START = datetime.date(2022, 1, 1)

# code, French name, Arabic name
STRATEGIC_MARKETS = [
    ("FR", "France", "فرنسا"),
    ("ES", "Espagne", "إسبانيا"),
    ("UK", "Royaume-Uni", "المملكة المتحدة"),
    ("DE", "Allemagne", "ألمانيا"),
    ("IT", "Italie", "إيطاليا"),
    ("BE", "Belgique", "بلجيكا"),
    ("NL", "Pays-Bas", "هولندا"),
    ("US", "États-Unis", "الولايات المتحدة"),
    ("CA", "Canada", "كندا"),
    ("CN", "Chine", "الصين"),
    ("GCC", "Pays du Golfe", "دول الخليج"),
    ("MA", "Marché national", "السوق الوطنية"),
    ("MRE", "Marocains résidant à l'étranger", "مغاربة العالم"),
]

# short name, name, kind, sector, region code, province
ORGANIZATIONS = [
    ("ONMT", "Office National Marocain du Tourisme", "office", "public", "06", "Casablanca"),
    ("RAM", "Royal Air Maroc", "airline", "public", "06", "Casablanca"),
    ("CNT", "Confédération Nationale du Tourisme", "confederation", "private", None, ""),
    ("FNIH", "Fédération Nationale de l'Industrie Hôtelière", "federation", "private", None, ""),
    (
        "CRT Fès-Meknès",
        "Conseil Régional du Tourisme de Fès-Meknès",
        "regional_council",
        "public_private",
        "03",
        "",
    ),
    (
        "CRT Rabat-Salé-Kénitra",
        "Conseil Régional du Tourisme de Rabat-Salé-Kénitra",
        "regional_council",
        "public_private",
        "04",
        "",
    ),
    (
        "CRT Béni Mellal-Khénifra",
        "Conseil Régional du Tourisme de Béni Mellal-Khénifra",
        "regional_council",
        "public_private",
        "05",
        "",
    ),
    (
        "CRT Drâa-Tafilalet",
        "Conseil Régional du Tourisme de Drâa-Tafilalet",
        "regional_council",
        "public_private",
        "08",
        "",
    ),
    (
        "CPT Ouarzazate",
        "Conseil Provincial du Tourisme de Ouarzazate",
        "provincial_council",
        "public_private",
        "08",
        "Ouarzazate",
    ),
    (
        "CPT Meknès",
        "Conseil Provincial du Tourisme de Meknès",
        "provincial_council",
        "public_private",
        "03",
        "Meknès",
    ),
]

PARENTS = {"FNIH": "CNT"}

# first name, last name, organization, role, title, demo account
MANDATES = [
    ("Adel", "El Fakir", "ONMT", "director_general", "Directeur général de l'ONMT", None),
    ("Hamid", "Bentahar", "CNT", "president", "Président de la CNT", None),
    ("Lahcen", "Zelmat", "FNIH", "president", "Président de la FNIH", None),
    ("Aziz", "Lebbar", "CRT Fès-Meknès", "president", "Président du CRT de Fès-Meknès", "crt.fes"),
    (
        "Hassan",
        "Bargach",
        "CRT Rabat-Salé-Kénitra",
        "president",
        "Président du CRT de Rabat-Salé-Kénitra",
        "crt.rabat",
    ),
    (
        "Younès",
        "El Laraqui",
        "CRT Béni Mellal-Khénifra",
        "president",
        "Président du CRT de Béni Mellal-Khénifra",
        None,
    ),
    (
        "Mohamed",
        "Takhchi",
        "CRT Drâa-Tafilalet",
        "president",
        "Président du CRT de Drâa-Tafilalet",
        None,
    ),
    (
        "Siham",
        "Rida",
        "CPT Ouarzazate",
        "president",
        "Présidente du CPT de Ouarzazate",
        "cpt.ouarzazate",
    ),
    ("Adil", "Terrab", "CPT Meknès", "president", "Président du CPT de Meknès", None),
    ("Équipe ONMT", "(démo)", "ONMT", "staff", "Équipe ONMT (démo)", "onmt.staff"),
]


def _market(code, name, name_ar):
    market, _created = Market.objects.get_or_create(
        code=code, defaults={"name": name, "name_ar": name_ar, "is_strategic": True}
    )
    return market


def _organization(short_name, **fields):
    organization = Organization.objects.filter(short_name__iexact=short_name).first()
    if organization is None:
        organization = Organization.objects.create(short_name=short_name, **fields)
    return organization


def _person(first_name, last_name, *, user=None):
    person = Person.objects.filter(first_name=first_name, last_name=last_name).first()
    if person is None:
        person = Person.objects.create(first_name=first_name, last_name=last_name)
    if user is not None and person.user_id != user.pk:
        person.user = user
        person.save(update_fields=["user", "updated_at"])
    return person


def _mandate(person, organization, role, title):
    Membership.objects.get_or_create(
        person=person,
        organization=organization,
        role=role,
        start_date=DEMO_START,
        defaults={"title": title},
    )


def seed_directory(*, users: dict) -> None:
    """Create what is missing; leave alone what an admin has since edited."""
    load_regions(Region)
    regions = {region.code: region for region in Region.objects.all()}
    organizations = {}
    for short_name, name, kind, sector, region_code, province in ORGANIZATIONS:
        organizations[short_name] = _organization(
            short_name,
            name=name,
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
        delegation = _organization(
            f"ONMT-{code}",
            name=f"Délégation ONMT — {name}",
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

    for first_name, last_name, short_name, role, title, username in MANDATES:
        person = _person(first_name, last_name, user=users.get(username))
        _mandate(person, organizations[short_name], role, title)

    agreement, created = PartnershipAgreement.objects.get_or_create(
        title="Convention de partenariat ONMT – CNT",
        defaults={
            # April 2022; the day is a demonstration value.
            "signed_on": datetime.date(2022, 4, 1),
            "starts_on": datetime.date(2022, 4, 1),
            "ends_on": datetime.date(2023, 12, 31),
            "summary": (
                "Partenariat entre l'Office National Marocain du Tourisme et la "
                "Confédération Nationale du Tourisme pour la relance de la promotion "
                "touristique du Maroc."
            ),
        },
    )
    if created:
        agreement.parties.add(onmt, organizations["CNT"])
