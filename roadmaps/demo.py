"""The roadmaps part of the demo data, and the published figures.

Per strategic market: the roadmaps of H2 2022 and 2023 the July 2022 meeting set
out, closed (their milestones and completions are demonstration content, marked
« (démo) »), and one roadmap of the current year, marked « (démo) » and dated
from today, so that the dashboard, reminders and timelines have live work that
never grows stale. Markets abroad are owned by their delegate; the domestic
market and Moroccans resident abroad, which have no delegation abroad, by ONMT
staff (the demo account).
"""

import datetime

from django.utils import timezone

from partners.models import Market, Membership, Organization, Person

from .demo_recommendations import seed_recommendations
from .models import Milestone, Roadmap
from .services.roadmaps import milestone_update, roadmap_keep_baselines

D = datetime.date
OBJECTIVES = (
    "Retrouver très vite les indicateurs de 2019 (arrivées, nuitées, recettes), et "
    "peut-être même les dépasser."
)

# label, start, end: the periods the meeting of 8 July 2022 set (now closed)
PAST = [("S2 2022", D(2022, 7, 1), D(2022, 12, 31)), ("2023", D(2023, 1, 1), D(2023, 12, 31))]

# title pattern, due date, status, progress — all demonstration content
PAST_MILESTONES = {
    "S2 2022": [
        ("Campagne digitale de relance — {market} (démo)", D(2022, 9, 30), "done", 100),
        ("Eductour des tour-opérateurs — {market} (démo)", D(2022, 11, 15), "done", 100),
        ("Bilan de la reprise avec les professionnels — {market} (démo)", D(2022, 12, 15),
         "done", 100),
    ],
    "2023": [
        ("Présence du Maroc au salon professionnel — {market} (démo)", D(2023, 3, 15),
         "done", 100),
        ("Campagne de printemps avec les tour-opérateurs — {market} (démo)", D(2023, 5, 31),
         "done", 100),
        ("Bilan annuel et objectifs 2024 — {market} (démo)", D(2023, 12, 15), "done", 100),
    ],
}  # fmt: skip

# The current demo roadmap: title pattern, days from today, status, progress.
CURRENT_MILESTONES = [
    ("Bilan du trimestre avec les professionnels — {market} (démo)", -40, "done", 100),
    ("Campagne digitale de saison — {market} (démo)", 10, "in_progress", 40),
    ("Nouvelles lignes aériennes : campagne conjointe — {market} (démo)", 20, "planned", 0),
    ("Eductour des tour-opérateurs — {market} (démo)", 75, "planned", 0),
]
# Plan against actual, shown: this one is moved by 10 days, with its reason.
SLIPPED = "Nouvelles lignes aériennes : campagne conjointe — {market} (démo)"
SLIP_DAYS = 10
SLIP_REASON = "Calée sur l'ouverture des nouvelles lignes (démo)"


def _owner(market: Market) -> Person | None:
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
    if delegate is not None:
        return delegate.person
    return Person.objects.filter(user__username="onmt.staff").first()


def _roadmap(market, owner, label, starts_on, ends_on, status) -> Roadmap | None:
    """The roadmap, created closed or active; None when it exists already."""
    if Roadmap.objects.filter(market=market, starts_on=starts_on).exists():
        return None
    return Roadmap.objects.create(
        market=market,
        starts_on=starts_on,
        ends_on=ends_on,
        title=f"Feuille de route {market.name} — {label}",
        owner=owner,
        status=status,
        objectives=OBJECTIVES,
    )


def _milestone(roadmap, owner, title, due, status, progress) -> Milestone:
    return Milestone.objects.create(
        roadmap=roadmap,
        title=title.format(market=roadmap.market.name),
        due_date=due,
        owner=owner,
        status=status,
        progress=progress,
        completed_on=due if status == "done" else None,
    )


def seed_roadmaps(*, reviewer) -> None:
    today = timezone.localdate()
    current = (today - datetime.timedelta(days=120), today + datetime.timedelta(days=240))
    for market in Market.objects.filter(is_strategic=True):
        owner = _owner(market)
        if owner is None:
            continue
        for label, starts_on, ends_on in PAST:
            roadmap = _roadmap(market, owner, label, starts_on, ends_on, Roadmap.Status.CLOSED)
            for title, due, status, progress in PAST_MILESTONES[label] if roadmap else []:
                _milestone(roadmap, owner, title, due, status, progress)
        label = f"{today.year} (démo)"
        roadmap = _roadmap(market, owner, label, *current, Roadmap.Status.ACTIVE)
        if roadmap is None:
            continue
        for title, days, status, progress in CURRENT_MILESTONES:
            due = today + datetime.timedelta(days=days)
            _milestone(roadmap, owner, title, due, status, progress)
        roadmap_keep_baselines(roadmap)
        _slip(roadmap)
    seed_recommendations(reviewer=reviewer)
    seed_indicators()
    _answer_fes_expectation()


def _slip(roadmap: Roadmap) -> None:
    milestone = roadmap.milestones.get(title=SLIPPED.format(market=roadmap.market.name))
    milestone_update(
        milestone=milestone,
        version=milestone.version,
        fields={
            "due_date": milestone.due_date + datetime.timedelta(days=SLIP_DAYS),
            "due_date_reason": SLIP_REASON,
        },
    )


def _answer_fes_expectation() -> None:
    """Demo: France's 2023 spring campaign with tour operators answers the
    expectation of CRT Fès-Meknès (both demonstration content). Set directly: a
    seed is not an action, and e-mails nobody."""
    from meetings.demo import FES_EXPECTATION
    from meetings.models import Outcome

    outcome = Outcome.objects.filter(text=FES_EXPECTATION).first()
    if outcome is None:
        return
    Milestone.objects.filter(
        title="Campagne de printemps avec les tour-opérateurs — France (démo)",
        source_outcome__isnull=True,
    ).update(source_outcome=outcome, source_meeting=outcome.meeting)


# The invented monthly series of the first version, replaced by published figures.
OLD_DEMO_SOURCE = "Données de démonstration (non officielles)"
DEMO_TARGET_NOTE = "Objectif de démonstration : retrouver le niveau de 2019 (démo)."


def seed_indicators() -> None:
    """The published figures (roadmaps/data/published/), through the admin's import;
    the invented series of earlier versions goes. Each strategic market gets the
    demonstration target "2023: 100 % of 2019 arrivals", labelled as such."""
    from .models import MarketIndicator, Metric, Target
    from .services import published_figures_load, target_create

    MarketIndicator.objects.filter(source=OLD_DEMO_SOURCE, is_demo=True).delete()
    published_figures_load()
    has_target = set(
        Target.objects.filter(year=2023, metric=Metric.ARRIVALS).values_list("market", flat=True)
    )
    for market in Market.objects.filter(is_strategic=True).exclude(pk__in=has_target):
        target_create(
            market=market,
            fields={"metric": Metric.ARRIVALS, "year": 2023, "share_of_2019": 100,
                    "note": DEMO_TARGET_NOTE},
            by=None,
            is_demo=True,
        )  # fmt: skip
