"""Deterministic volume data for benchmarks (`manage.py seed_volume --scale N`).

Scale 1: 300 organizations, 3,000 people with mandates, 2,000 meetings with
20,000 participants and 10,000 outcomes, 50,000 recommendations, 600 roadmaps
with 30,000 milestones (100, 50, 30 or 20 per roadmap, in turn), monthly
indicators for 20 markets over 10 years. All rows are marked (short names,
titles, e-mails start with "VOL-"/"vol-") and inserted in bulk — without change
history: this is benchmark data, not anyone's work. A second run adds nothing.
"""

import datetime
import random
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction

from meetings.models import Meeting, Outcome, Participant
from partners.models import Market, Membership, Organization, Person
from roadmaps.kept_pages import forget_kept_pages
from roadmaps.models import MarketIndicator, Milestone, Recommendation, Roadmap

MARK = "VOL-"
BATCH = 5000
CASABLANCA = ZoneInfo("Africa/Casablanca")
# Roadmaps take these milestone counts in turn (50 on average): the benchmark's
# roadmap page shows one of 100.
MILESTONES_PER_ROADMAP = (100, 50, 30, 20)

# Volume figures are synthetic: marked as demonstration values, one definition each.
VOLUME_DEFINITIONS = {
    MarketIndicator.Metric.ARRIVALS: MarketIndicator.Definition.ARRIVALS_TES,
    MarketIndicator.Metric.OVERNIGHT_STAYS: MarketIndicator.Definition.NIGHTS_CLASSIFIED,
    MarketIndicator.Metric.RECEIPTS_MAD: MarketIndicator.Definition.TRAVEL_RECEIPTS,
}


def counts(scale: float) -> dict:
    def n(base):
        return max(1, round(base * scale))

    return {
        "markets": max(2, min(20, n(20))),
        "organizations": n(300),
        "people": n(3000),
        "meetings": n(2000),
        "participants_per_meeting": 10,
        "outcomes_per_meeting": 5,
        "recommendations": n(50000),
        "roadmaps": n(600),
        "milestones_per_roadmap": MILESTONES_PER_ROADMAP,
        "years": 10,
    }


@transaction.atomic
def seed_volume(*, scale: float, seed: int = 2022) -> dict:
    if Organization.objects.filter(short_name__startswith=MARK).exists():
        return {"created": False}
    rng = random.Random(seed)  # noqa: S311 - reproducible data, not secrets
    size = counts(scale)

    markets = [
        Market.objects.get_or_create(
            code=f"V{index:02d}",
            defaults={"name": f"{MARK}Marché {index:02d}", "is_strategic": False},
        )[0]
        for index in range(size["markets"])
    ]
    # Partners only: ONMT is one office and its delegations are the demo's (a
    # volume "office" would make its members ONMT staff, each told of every late
    # milestone: hundreds of staff no deployment has).
    partners = set(Organization.Kind.values) - {
        Organization.Kind.OFFICE,
        Organization.Kind.DELEGATION,
    }
    kinds = [kind for kind in Organization.Kind.values if kind in partners]
    organizations = Organization.objects.bulk_create(
        [
            Organization(
                name=f"{MARK}Organisme {index:04d}",
                short_name=f"{MARK}{index:04d}",
                kind=rng.choice(kinds),
                sector=rng.choice(Organization.Sector.values),
                province=f"Province {index % 75}",
            )
            for index in range(size["organizations"])
        ],
        batch_size=BATCH,
    )
    people = Person.objects.bulk_create(
        [
            Person(
                first_name=f"Prénom{index}",
                last_name=f"{MARK}Nom{index:05d}",
                email=f"vol-{index:05d}@volume.invalid",
            )
            for index in range(size["people"])
        ],
        batch_size=BATCH,
    )
    start = datetime.date(2016, 1, 1)
    Membership.objects.bulk_create(
        [
            Membership(
                person=person,
                organization=organizations[index % len(organizations)],
                role=Membership.Role.MEMBER
                if index >= len(organizations)
                else Membership.Role.PRESIDENT,
                start_date=start,
            )
            for index, person in enumerate(people)
        ],
        batch_size=BATCH,
    )

    first = datetime.datetime(2016, 1, 4, 9, 0, tzinfo=CASABLANCA)
    meetings = Meeting.objects.bulk_create(
        [
            Meeting(
                title=f"{MARK}Réunion {index:05d}",
                kind=rng.choice(Meeting.Kind.values),
                starts_at=first + datetime.timedelta(days=index * 2),
                ends_at=first + datetime.timedelta(days=index * 2, hours=3),
                location="Casablanca",
                organizer=organizations[index % len(organizations)],
                status=Meeting.Status.PUBLISHED,
            )
            for index in range(size["meetings"])
        ],
        batch_size=BATCH,
    )
    participants, outcomes = [], []
    for index, meeting in enumerate(meetings):
        chosen = rng.sample(range(len(people)), min(size["participants_per_meeting"], len(people)))
        for person_index in chosen:
            participants.append(
                Participant(
                    meeting=meeting,
                    person=people[person_index],
                    organization=organizations[person_index % len(organizations)],
                    attendance=Participant.Attendance.ATTENDED,
                )
            )
        for order in range(size["outcomes_per_meeting"]):
            outcomes.append(
                Outcome(
                    meeting=meeting,
                    kind=rng.choice(Outcome.Kind.values),
                    text=f"{MARK}Conclusion {index}-{order}",
                    market=markets[(index + order) % len(markets)],
                    order=order + 1,
                )
            )
    Participant.objects.bulk_create(participants, batch_size=BATCH)
    Outcome.objects.bulk_create(outcomes, batch_size=BATCH)

    roadmaps = []
    per_market = -(-size["roadmaps"] // len(markets))
    for index in range(size["roadmaps"]):
        market = markets[index % len(markets)]
        slot = index // len(markets)  # consecutive half-years per market: no overlap
        year, half = 2015 + slot // 2, slot % 2
        roadmaps.append(
            Roadmap(
                market=market,
                title=f"{MARK}Feuille de route {market.code} {year}-S{half + 1}",
                starts_on=datetime.date(year, 7 if half else 1, 1),
                ends_on=datetime.date(year, 12, 31) if half else datetime.date(year, 6, 30),
                owner=people[index % len(people)],
                status=Roadmap.Status.ACTIVE if slot >= per_market - 2 else Roadmap.Status.CLOSED,
            )
        )
    roadmaps = Roadmap.objects.bulk_create(roadmaps, batch_size=BATCH)
    milestones = []
    for roadmap_index, roadmap in enumerate(roadmaps):
        span = (roadmap.ends_on - roadmap.starts_on).days
        per_roadmap = MILESTONES_PER_ROADMAP[roadmap_index % len(MILESTONES_PER_ROADMAP)]
        for order in range(per_roadmap):
            due = roadmap.starts_on + datetime.timedelta(days=rng.randrange(span + 1))
            done = rng.random() < 0.5
            milestones.append(
                Milestone(
                    roadmap=roadmap,
                    title=f"{MARK}Jalon {roadmap_index:04d}-{order:03d}",
                    due_date=due,
                    owner=roadmap.owner,
                    status=Milestone.Status.DONE if done else Milestone.Status.IN_PROGRESS,
                    progress=100 if done else rng.randrange(0, 100, 10),
                    completed_on=due if done else None,
                )
            )
    Milestone.objects.bulk_create(milestones, batch_size=BATCH)

    statuses = Recommendation.Status.values
    recommendations = Recommendation.objects.bulk_create(
        [
            Recommendation(
                organization=organizations[index % len(organizations)],
                author=people[index % len(people)],
                theme=rng.choice(Recommendation.Theme.values),
                title=f"{MARK}Recommandation {index:05d}",
                body="Texte de volume.",
                status=statuses[index % len(statuses)],
                submitted_at=first + datetime.timedelta(hours=index),
            )
            for index in range(size["recommendations"])
        ],
        batch_size=BATCH,
    )
    Through = Recommendation.markets.through
    Through.objects.bulk_create(
        [
            Through(recommendation_id=rec.pk, market_id=markets[index % len(markets)].pk)
            for index, rec in enumerate(recommendations)
        ],
        batch_size=BATCH,
    )

    indicators = []
    for market in markets:
        for year in range(2019, 2019 + size["years"]):
            for month in range(1, 13):
                for metric in MarketIndicator.Metric.values:
                    indicators.append(
                        MarketIndicator(
                            market=market,
                            metric=metric,
                            year=year,
                            month=month,
                            value=Decimal(rng.randrange(1000, 100000)),
                            definition=VOLUME_DEFINITIONS[metric],
                            source=f"{MARK}volume",
                            is_demo=True,
                        )
                    )
    MarketIndicator.objects.bulk_create(indicators, batch_size=BATCH, ignore_conflicts=True)
    forget_kept_pages()
    return {
        "created": True,
        "organizations": len(organizations),
        "people": len(people),
        "meetings": len(meetings),
        "participants": len(participants),
        "outcomes": len(outcomes),
        "recommendations": len(recommendations),
        "roadmaps": len(roadmaps),
        "milestones": len(milestones),
        "indicators": len(indicators),
    }
