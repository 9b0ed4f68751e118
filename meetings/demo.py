"""The meetings part of the demo data: July 2022, Casablanca.

Written from ONMT's press release of the meeting: who met, and what they set
out to do. The outcome texts are demonstration summaries, labelled as such,
not quotations; no statement is attributed to a named person.
"""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from partners.models import Market, Membership, Organization, Person

from .models import AgendaItem, Meeting, Outcome, Participant

CASABLANCA = ZoneInfo("Africa/Casablanca")
DEMO_NOTE = "*Compte rendu de démonstration, rédigé d'après le communiqué de l'ONMT.*"


def _at(day: int, hour: int) -> datetime.datetime:
    return datetime.datetime(2022, 7, day, hour, 0, tzinfo=CASABLANCA)


def _participants(meeting, people_with_organizations):
    for person, organization in people_with_organizations:
        Participant.objects.get_or_create(
            meeting=meeting,
            person=person,
            defaults={"organization": organization, "attendance": Participant.Attendance.ATTENDED},
        )


def _meeting(title, **fields) -> tuple[Meeting, bool]:
    meeting = Meeting.objects.filter(title=title).first()
    if meeting is not None:
        return meeting, False
    return Meeting.objects.create(title=title, status=Meeting.Status.PUBLISHED, **fields), True


def seed_meetings() -> None:
    onmt = Organization.objects.get(short_name="ONMT")
    ram = Organization.objects.get(short_name="RAM")
    strategic = list(Market.objects.filter(is_strategic=True))
    task_force = [
        (membership.person, membership.organization)
        for membership in Membership.objects.current()
        .filter(organization__kind=Organization.Kind.DELEGATION, role=Membership.Role.DELEGATE)
        .select_related("person", "organization")
    ]
    director = Membership.objects.get(organization=onmt, role=Membership.Role.DIRECTOR_GENERAL)
    onmt_side = [(director.person, onmt), *task_force]

    # The meeting of the task force with Royal Air Maroc « just before » (the press
    # release): its day and hours are demonstration values, and its title says so.
    ram_meeting, created = _meeting(
        "Réunion de la task force ONMT avec le président et les équipes de Royal Air Maroc "
        "(date : démo)",
        kind=Meeting.Kind.TASK_FORCE,
        starts_at=_at(7, 10),
        ends_at=_at(7, 13),
        location="Casablanca",
        organizer=onmt,
        agenda="Connectivité aérienne des marchés stratégiques pour la reprise.",
        minutes=f"{DEMO_NOTE}\n\nÉchanges sur la connectivité aérienne des marchés stratégiques.",
        published_at=_at(7, 18),
    )
    if created:
        ram_meeting.markets.set(strategic)
        ram_team, _ = Person.objects.get_or_create(
            first_name="Équipe Royal Air Maroc", last_name="(démo)"
        )
        _participants(ram_meeting, [*onmt_side, (ram_team, ram)])
        Outcome.objects.create(
            meeting=ram_meeting,
            kind=Outcome.Kind.INSIGHT,
            text=(
                "La connectivité aérienne conditionne la reprise sur chaque marché (démonstration)."
            ),
            order=1,
        )

    casablanca, created = _meeting(
        "Rencontre de la task force ONMT avec la CNT, la FNIH et les conseils régionaux "
        "et provinciaux du tourisme",
        kind=Meeting.Kind.TASK_FORCE,
        starts_at=_at(8, 10),
        ends_at=_at(8, 17),
        location="Casablanca",
        organizer=onmt,
        agenda=(
            "Recueillir les attentes et les retours des professionnels, partager les "
            "tendances des marchés et fixer les feuilles de route de promotion par marché."
        ),
        minutes=(
            f"{DEMO_NOTE}\n\n"
            "## Synthèse\n\n"
            "- Les délégués de l'ONMT dans les marchés émetteurs ont présenté les tendances "
            "observées dans les premiers mois de la reprise.\n"
            "- Les professionnels (CNT, FNIH, CRT et CPT) ont exprimé leurs attentes et leurs "
            "retours.\n"
            "- Une feuille de route commune par marché sera établie pour le second semestre "
            "2022 et pour 2023, avec un objectif : « retrouver très vite les indicateurs de "
            "2019 et peut-être même à les dépasser »."
        ),
        published_at=_at(8, 20),
    )
    if created:
        casablanca.markets.set(strategic)
        partners = [
            (membership.person, membership.organization)
            for membership in Membership.objects.current()
            .filter(
                role=Membership.Role.PRESIDENT,
                organization__short_name__in=[
                    "CNT",
                    "FNIH",
                    "CRT Fès-Meknès",
                    "CRT Rabat-Salé-Kénitra",
                    "CRT Béni Mellal-Khénifra",
                    "CRT Drâa-Tafilalet",
                    "CPT Ouarzazate",
                    "CPT Meknès",
                ],
            )
            .select_related("person", "organization")
        ]
        _participants(casablanca, [*onmt_side, *partners])
        for order, title in enumerate(
            [
                "Tendances des marchés émetteurs présentées par les délégués de l'ONMT",
                "Attentes et retours des professionnels",
                "Feuilles de route de promotion par marché : second semestre 2022 et 2023",
            ],
            start=1,
        ):
            AgendaItem.objects.create(meeting=casablanca, order=order, title=title)
        cnt = Organization.objects.get(short_name="CNT")
        outcomes = [
            (
                Outcome.Kind.EXPECTATION,
                "Être associés à la définition des actions de "
                "promotion de chaque marché (démonstration).",
                cnt,
                None,
            ),
            (
                Outcome.Kind.FEEDBACK,
                "Retours des régions sur la reprise de la fréquentation "
                "au premier semestre 2022 (démonstration).",
                None,
                None,
            ),
            *[
                (
                    Outcome.Kind.INSIGHT,
                    f"Tendances de la reprise sur le marché {market.name} (démonstration).",
                    None,
                    market,
                )
                for market in strategic
                if market.code in {"FR", "ES", "UK", "DE"}
            ],
            (
                Outcome.Kind.DECISION,
                "Établir une feuille de route commune par marché pour le "
                "second semestre 2022 et pour 2023.",
                None,
                None,
            ),
            (
                Outcome.Kind.COMMITMENT,
                "Objectif partagé : « retrouver très vite les indicateurs de 2019 et "
                "peut-être même à les dépasser ».",
                None,
                None,
            ),
        ]
        for order, (kind, text, organization, market) in enumerate(outcomes, start=1):
            Outcome.objects.create(
                meeting=casablanca,
                kind=kind,
                text=text,
                organization=organization,
                market=market,
                order=order,
            )


FES_EXPECTATION = (
    "Mieux faire connaître Fès auprès des tour-opérateurs du marché français (démonstration)."
)
WORKSHOP = "Atelier de suivi des feuilles de route — marché France (démo)"


def seed_follow_up() -> None:
    """What the follow-up of partners' words needs in the demo, added to existing
    demo databases too: an expectation of CRT Fès-Meknès at the 8 July meeting
    (a demonstration summary, labelled as such), a second member of the CRT (a
    placeholder) who can go in its president's place, and a workshop still to
    come to which the CRT is invited (its date is a demonstration value)."""
    casablanca = Meeting.objects.filter(starts_at=_at(8, 10)).first()
    fes = Organization.objects.get(short_name="CRT Fès-Meknès")
    france = Market.objects.get(code="FR")
    if casablanca is not None:
        Outcome.objects.get_or_create(
            meeting=casablanca,
            text=FES_EXPECTATION,
            defaults={
                "kind": Outcome.Kind.EXPECTATION,
                "organization": fes,
                "market": france,
                "order": casablanca.outcomes.count() + 1,
            },
        )
    member, _ = Person.objects.get_or_create(
        first_name="Membre du CRT Fès-Meknès", last_name="(démo)"
    )
    Membership.objects.get_or_create(
        person=member,
        organization=fes,
        role=Membership.Role.MEMBER,
        defaults={
            "start_date": timezone.localdate().replace(month=1, day=1),
            "start_date_known": False,
            "title": "Membre du CRT Fès-Meknès (démo)",
        },
    )
    if Meeting.objects.filter(title=WORKSHOP).exists():
        return
    onmt = Organization.objects.get(short_name="ONMT")
    day = timezone.localdate() + datetime.timedelta(days=30)
    starts = datetime.datetime.combine(day, datetime.time(10), tzinfo=CASABLANCA)
    workshop = Meeting.objects.create(
        title=WORKSHOP,
        kind=Meeting.Kind.WORKSHOP,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        location="Fès (démo)",
        organizer=onmt,
        agenda="Point d'étape sur la feuille de route France avec les professionnels (démo).",
    )
    workshop.markets.add(france)
    president = Membership.objects.current().get(organization=fes, role=Membership.Role.PRESIDENT)
    delegate = (
        Membership.objects.current()
        .filter(organization__short_name="ONMT-FR", role=Membership.Role.DELEGATE)
        .first()
    )
    seats = [(president.person, fes)] + (
        [(delegate.person, delegate.organization)] if delegate else []
    )
    for person, organization in seats:
        Participant.objects.create(meeting=workshop, person=person, organization=organization)
