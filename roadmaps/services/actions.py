"""Outcomes of meetings answered by milestones (Milestone.source_outcome), and
the e-mail to an organization's presidents when an action on their expectation
is done — once per action, through the outbox (roadmaps/notices.py)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core import outbox
from core.history import record_author
from core.typing import Actor
from meetings.models import Outcome
from partners.models import Membership, Person

from ..models import Milestone


def check_answerable(outcome: Outcome, milestone_roadmap) -> None:
    if outcome.kind not in Outcome.ACTIONABLE:
        raise ValidationError(_("Only expectations, commitments and decisions are followed up."))
    if outcome.closed_at:
        raise ValidationError(_("This outcome is closed with an answer: reopen it first."))
    if outcome.market_id and milestone_roadmap.market_id != outcome.market_id:
        raise ValidationError(_("The milestone belongs to another market than the outcome."))


@transaction.atomic
def milestone_answer_outcome(*, milestone: Milestone, outcome: Outcome, by: Actor) -> Milestone:
    """An existing milestone becomes an action answering the outcome."""
    locked = Milestone.objects.select_for_update().select_related("roadmap").get(pk=milestone.pk)
    check_answerable(outcome, locked.roadmap)
    if locked.status not in Milestone.OPEN_STATUSES and locked.status != Milestone.Status.DONE:
        raise ValidationError(_("A cancelled milestone answers nothing."))
    locked.source_outcome = outcome
    locked.source_meeting_id = locked.source_meeting_id or outcome.meeting_id
    locked.version += 1
    record_author(by, locked)
    locked.save(update_fields=["source_outcome", "source_meeting", "version", "updated_at"])
    action_done_announce(locked, was_done=False)
    return locked


ACTION_DONE = "roadmaps.action_done"


def action_done_announce(milestone: Milestone, *, was_done: bool) -> int:
    """When a milestone answering an organization's expectation becomes done, its
    current presidents hear of it. The key makes it once per action and person,
    however often the milestone goes back and forth."""
    if was_done or milestone.status != Milestone.Status.DONE or not milestone.source_outcome_id:
        return 0
    outcome = Outcome.objects.filter(pk=milestone.source_outcome_id).first()
    if outcome is None or outcome.kind != "expectation" or outcome.organization_id is None:
        return 0
    presidents = Person.objects.active().filter(
        memberships__in=Membership.objects.current().filter(
            organization_id=outcome.organization_id, role=Membership.Role.PRESIDENT
        )
    )
    sent = 0
    for person in presidents.distinct():
        if not person.contact_email:
            continue
        created = outbox.enqueue(
            kind=ACTION_DONE,
            context={"milestone": milestone.pk, "outcome": outcome.pk, "person": person.pk},
            key=f"action-done:{milestone.pk}:{person.pk}",
            recipient=person.contact_email,
            language=person.language,
        )
        sent += created is not None
    return sent
