"""Notices of the roadmaps app, as the outbox builds them when it sends
(core/outbox.py): the submitter hears of ONMT's decision; an organization's
presidents hear that an action on their expectation is done."""

from django.core.mail import EmailMessage

from core.links import portal_url
from core.mail import render_templated_email
from meetings.models import Outcome
from partners.models import Person

from .models import Milestone, Recommendation, RecommendationMessage
from .services.actions import ACTION_DONE
from .services.conversation import MESSAGE

DECISION = "roadmaps.decision"
__all__ = [
    "ACTION_DONE",
    "DECISION",
    "MESSAGE",
    "build_action_done",
    "build_decision",
    "build_message",
]


def build_decision(context: dict) -> list[EmailMessage]:
    """Tell the submitter what ONMT decided, in their language, with a link."""
    recommendation = (
        Recommendation.objects.select_related("author__user", "organization")
        .filter(pk=context["recommendation"])
        .first()
    )
    if recommendation is None or recommendation.status not in (
        Recommendation.Status.ACCEPTED,
        Recommendation.Status.DECLINED,
    ):
        return []
    author = recommendation.author
    if not author.contact_email or not author.is_active:
        return []
    return [
        render_templated_email(
            template="recommendation",
            context={
                "recommendation": recommendation,
                "person": author,
                "url": portal_url("roadmaps:recommendation_detail", recommendation.pk),
            },
            to=author.contact_email,
            language=author.language,
        )
    ]


def build_action_done(context: dict) -> list[EmailMessage]:
    """The action on an organization's expectation is done: tell the president."""
    milestone = (
        Milestone.objects.select_related("roadmap__market").filter(pk=context["milestone"]).first()
    )
    outcome = (
        Outcome.objects.select_related("meeting", "organization")
        .filter(pk=context["outcome"])
        .first()
    )
    person = Person.objects.filter(pk=context["person"], is_active=True).first()
    if None in (milestone, outcome, person) or not person.contact_email:
        return []
    if milestone.status != Milestone.Status.DONE or milestone.source_outcome_id != outcome.pk:
        return []  # undone or moved since: nothing to announce any more
    return [
        render_templated_email(
            template="action_done",
            context={
                "milestone": milestone,
                "outcome": outcome,
                "person": person,
                "url": portal_url("partners:organization", outcome.organization_id),
            },
            to=person.contact_email,
            language=person.language,
        )
    ]


def build_message(context: dict) -> list[EmailMessage]:
    """A message of the conversation, to one person of the other side. An internal
    note is never e-mailed, whatever the context says."""
    message = (
        RecommendationMessage.objects.select_related("recommendation__organization", "author")
        .filter(pk=context["message"], is_internal=False)
        .first()
    )
    person = Person.objects.filter(pk=context["person"], is_active=True).first()
    if message is None or person is None or not person.contact_email:
        return []
    return [
        render_templated_email(
            template="recommendation_message",
            context={
                "message": message,
                "recommendation": message.recommendation,
                "person": person,
                "url": portal_url("roadmaps:recommendation_detail", message.recommendation_id)
                + "#conversation",
            },
            to=person.contact_email,
            language=person.language,
        )
    ]
