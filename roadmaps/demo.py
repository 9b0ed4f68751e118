"""The roadmaps part of the demo data: per market, H2 2022 and 2023, and the
recommendations of the demo councils in every status.

Milestones and recommendations are demonstration content, not ONMT's actual
plans; titles say what such work looks like, without inventing real figures.
"""

import datetime

from django.utils import timezone

from partners.models import Market, Membership, Organization

from .models import Milestone, Recommendation, Roadmap

D = datetime.date

PERIODS = [
    ("S2 2022", D(2022, 7, 1), D(2022, 12, 31), Roadmap.Status.CLOSED),
    ("2023", D(2023, 1, 1), D(2023, 12, 31), Roadmap.Status.ACTIVE),
]

# title pattern, due date, status, progress
MILESTONES = {
    "S2 2022": [
        ("Campagne digitale de relance — {market}", D(2022, 9, 30), "done", 100),
        ("Eductour des tour-opérateurs — {market}", D(2022, 11, 15), "done", 100),
        ("Bilan de la reprise avec les professionnels — {market}", D(2022, 12, 15), "done", 100),
    ],
    "2023": [
        ("Présence du Maroc au salon professionnel — {market}", D(2023, 3, 15), "done", 100),
        ("Campagne de printemps avec les tour-opérateurs — {market}", D(2023, 5, 31), "done", 100),
        (
            "Nouvelles lignes aériennes : campagne conjointe — {market}",
            D(2023, 9, 30),
            "in_progress",
            60,
        ),
        ("Bilan annuel et objectifs 2024 — {market}", D(2023, 12, 15), "planned", 0),
    ],
}

# organization, title, theme, markets, status, answer
RECOMMENDATIONS = [
    (
        "CRT Fès-Meknès",
        "Promouvoir Fès comme destination de city-break au printemps",
        "promotion",
        ["FR", "ES"],
        "accepted",
        "Retenue : intégrée à la campagne de printemps.",
    ),
    (
        "CRT Fès-Meknès",
        "Associer les guides locaux aux eductours",
        "training",
        ["FR"],
        "under_review",
        "",
    ),
    ("CRT Fès-Meknès", "Brouillon : salon des métiers d'art", "fairs", ["IT"], "draft", ""),
    (
        "CRT Rabat-Salé-Kénitra",
        "Valoriser Rabat, ville lumière, auprès du marché britannique",
        "promotion",
        ["UK"],
        "submitted",
        "",
    ),
    (
        "CRT Rabat-Salé-Kénitra",
        "Financer une ligne aérienne directe supplémentaire",
        "air_connectivity",
        ["DE"],
        "declined",
        "Hors du périmètre de l'ONMT : à porter auprès des compagnies aériennes.",
    ),
    (
        "CPT Ouarzazate",
        "Campagne digitale sur les tournages de cinéma à Ouarzazate",
        "digital",
        ["FR", "US"],
        "implemented",
        "Réalisée dans le cadre de la campagne digitale.",
    ),
    (
        "CPT Ouarzazate",
        "Circuits désert pour les familles espagnoles",
        "product",
        ["ES"],
        "submitted",
        "",
    ),
]


def seed_roadmaps(*, reviewer) -> None:
    for market in Market.objects.filter(is_strategic=True):
        delegate = (
            Membership.objects.current()
            .filter(
                organization__kind=Organization.Kind.DELEGATION,
                organization__markets=market,
                role=Membership.Role.DELEGATE,
            )
            .select_related("person")
            .first()
        )
        if delegate is None:
            continue
        for label, starts_on, ends_on, status in PERIODS:
            roadmap, created = Roadmap.objects.get_or_create(
                market=market,
                starts_on=starts_on,
                defaults={
                    "title": f"Feuille de route {market.name} — {label}",
                    "ends_on": ends_on,
                    "owner": delegate.person,
                    "status": status,
                    "objectives": (
                        "Retrouver les indicateurs de 2019 (arrivées, nuitées, recettes), "
                        "et les dépasser."
                    ),
                },
            )
            if not created:
                continue
            for title, due, milestone_status, progress in MILESTONES[label]:
                Milestone.objects.create(
                    roadmap=roadmap,
                    title=title.format(market=market.name),
                    due_date=due,
                    owner=delegate.person,
                    status=milestone_status,
                    progress=progress,
                    completed_on=due if milestone_status == "done" else None,
                )
    _seed_recommendations(reviewer=reviewer)
    seed_indicators()


def _seed_recommendations(*, reviewer) -> None:
    now = timezone.now()
    for short_name, title, theme, codes, status, answer in RECOMMENDATIONS:
        organization = Organization.objects.get(short_name=short_name)
        if Recommendation.objects.filter(organization=organization, title=title).exists():
            continue
        president = Membership.objects.current().get(
            organization=organization, role=Membership.Role.PRESIDENT
        )
        submitted = status != Recommendation.Status.DRAFT
        decided = status in ("accepted", "declined", "implemented")
        recommendation = Recommendation.objects.create(
            organization=organization,
            author=president.person,
            theme=theme,
            title=title,
            body=f"{title}. (Recommandation de démonstration.)",
            priority=Recommendation.Priority.MEDIUM,
            status=status,
            response=answer,
            submitted_at=now if submitted else None,
            review_started_at=now if status != "submitted" and submitted else None,
            review_started_by=reviewer if status != "submitted" and submitted else None,
            decided_at=now if decided else None,
            decided_by=reviewer if decided else None,
            implemented_at=now if status == "implemented" else None,
        )
        markets = list(Market.objects.filter(code__in=codes))
        recommendation.markets.set(markets)
        if status in ("accepted", "implemented"):
            milestone = (
                Milestone.objects.filter(
                    roadmap__market=markets[0], roadmap__status=Roadmap.Status.ACTIVE
                )
                .order_by("due_date")
                .first()
            )
            if milestone is not None:
                milestone.recommendations.add(recommendation)


# Demonstration series, NOT official statistics: monthly arrivals of a typical
# strategic market in 2019, a seasonal profile, and a recovery that climbs
# through 2022 and passes 2019 during 2023.
DEMO_SOURCE = "Données de démonstration (non officielles)"
SEASON = [0.6, 0.7, 0.9, 1.1, 1.0, 1.0, 1.4, 1.6, 1.1, 1.0, 0.8, 0.9]
DEMO_SIZE = {"FR": 180000, "ES": 90000, "UK": 40000, "DE": 35000, "IT": 25000, "BE": 30000,
             "NL": 25000, "US": 20000, "CA": 9000, "CN": 4000, "GCC": 8000, "MA": 400000,
             "MRE": 250000}  # fmt: skip
PER_ARRIVAL = {"arrivals": 1, "overnight_stays": 6, "receipts_mad": 9000}


def _recovery(year, month, pace):
    """pace < 1: a market slower to recover than the others."""
    if year == 2019:
        return 1.0
    if year == 2022:
        return (0.55 + 0.035 * month) * pace
    return (0.95 + 0.012 * month + 0.01 * (month % 3)) * pace


def seed_indicators() -> None:
    from decimal import Decimal

    from simple_history.utils import bulk_create_with_history

    from .models import MarketIndicator

    if MarketIndicator.objects.filter(source=DEMO_SOURCE).exists():
        return
    rows = []
    codes = list(DEMO_SIZE)
    for market in Market.objects.filter(code__in=DEMO_SIZE):
        pace = 0.8 + 0.03 * codes.index(market.code)
        for year in (2019, 2022, 2023):
            for month in range(1, 13):
                arrivals = DEMO_SIZE[market.code] * SEASON[month - 1] * _recovery(year, month, pace)
                for metric, factor in PER_ARRIVAL.items():
                    rows.append(
                        MarketIndicator(
                            market=market,
                            metric=metric,
                            year=year,
                            month=month,
                            value=Decimal(round(arrivals * factor)),
                            source=DEMO_SOURCE,
                        )
                    )
    bulk_create_with_history(rows, MarketIndicator)
