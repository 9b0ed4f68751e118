"""The recommendations of the demo: one in every status, from real councils but
written by demonstration members of them (« Membre du CRT … (démo) »), each
title marked « (démo) »; ONMT's answers come from the demo staff account. No
word, request or decision is put in the name of a person the press release
names."""

from django.utils import timezone

from partners.models import Market, Membership, Organization, Person

from .models import Milestone, Recommendation, RecommendationMessage

DEMO_QUESTION = "Quelles périodes de l'année visez-vous ? (question de démonstration)"
DEMO_BODY = "{title}. (Recommandation de démonstration, rédigée pour montrer le portail.)"

# organization, title, theme, markets, status, ONMT's answer
RECOMMENDATIONS = [
    (
        "CRT Fès-Meknès",
        "Promouvoir Fès comme destination de city-break au printemps (démo)",
        "promotion",
        ["FR", "ES"],
        "accepted",
        "Retenue : intégrée à la campagne de printemps. (Réponse de démonstration.)",
    ),
    (
        "CRT Fès-Meknès",
        "Associer les guides locaux aux eductours (démo)",
        "training",
        ["FR"],
        "under_review",
        "",
    ),
    ("CRT Fès-Meknès", "Brouillon : salon des métiers d'art (démo)", "fairs", ["IT"], "draft", ""),
    (
        "CRT Rabat-Salé-Kénitra",
        "Valoriser Rabat, ville lumière, auprès du marché britannique (démo)",
        "promotion",
        ["UK"],
        "submitted",
        "",
    ),
    (
        "CRT Rabat-Salé-Kénitra",
        "Renforcer la desserte aérienne vers Rabat (démo)",
        "air_connectivity",
        ["DE"],
        "declined",
        "Hors du périmètre de la promotion : à porter auprès des compagnies aériennes. "
        "(Réponse de démonstration.)",
    ),
    (
        "CPT Ouarzazate",
        "Campagne digitale sur les tournages de cinéma à Ouarzazate (démo)",
        "digital",
        ["FR", "US"],
        "implemented",
        "Réalisée dans le cadre de la campagne digitale. (Réponse de démonstration.)",
    ),
    (
        "CPT Ouarzazate",
        "Circuits désert pour les familles espagnoles (démo)",
        "product",
        ["ES"],
        "needs_information",
        "",
    ),
]


def demo_member(organization: Organization) -> Person:
    """A placeholder member of a real council, who writes its demo recommendations."""
    person, _created = Person.objects.get_or_create(
        first_name=f"Membre du {organization.short_name}", last_name="(démo)"
    )
    if not Membership.objects.filter(person=person, organization=organization).exists():
        Membership.objects.create(
            person=person,
            organization=organization,
            role=Membership.Role.MEMBER,
            start_date=timezone.localdate().replace(month=1, day=1),
            start_date_known=False,
            title=f"Membre du {organization.short_name} (démo)",
        )
    return person


def seed_recommendations(*, reviewer) -> None:
    now = timezone.now()
    for short_name, title, theme, codes, status, answer in RECOMMENDATIONS:
        organization = Organization.objects.get(short_name=short_name)
        if Recommendation.objects.filter(organization=organization, title=title).exists():
            continue
        submitted = status != Recommendation.Status.DRAFT
        reviewed = submitted and status != Recommendation.Status.SUBMITTED
        decided = status in ("accepted", "declined", "implemented")
        recommendation = Recommendation.objects.create(
            organization=organization,
            author=demo_member(organization),
            theme=theme,
            title=title,
            body=DEMO_BODY.format(title=title),
            priority=Recommendation.Priority.MEDIUM,
            status=status,
            response=answer,
            submitted_at=now if submitted else None,
            review_started_at=now if reviewed else None,
            review_started_by=reviewer if reviewed else None,
            decided_at=now if decided else None,
            decided_by=reviewer if decided else None,
            implemented_at=now if status == "implemented" else None,
        )
        markets = list(Market.objects.filter(code__in=codes))
        recommendation.markets.set(markets)
        if status == Recommendation.Status.NEEDS_INFORMATION:
            RecommendationMessage.objects.create(
                recommendation=recommendation,
                author=reviewer,
                from_reviewer=True,
                body=DEMO_QUESTION,
            )
        if status in ("accepted", "implemented"):
            milestone = (
                Milestone.objects.filter(roadmap__market=markets[0], title__endswith="(démo)")
                .order_by("-roadmap__starts_on", "due_date")
                .first()
            )
            if milestone is not None:
                milestone.recommendations.add(recommendation)
