"""From what partners said to what was done: the state of each expectation,
commitment or decision of a meeting, from the milestones that answer it
(Milestone.source_outcome) — or ONMT's written answer when it closed it.

- no action yet: no milestone answers it (cancelled ones do not count);
- open: its milestones are all still planned;
- in progress: some work has started or finished, not all of it;
- done: every milestone answering it is done;
- closed: ONMT answered it in writing instead ("not retained, because …").
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from core.typing import Viewer
from meetings.models import Outcome
from meetings.permissions import outcomes_visible_to

from ..models import Milestone
from ..permissions import roadmaps_visible_to

NO_ACTION, OPEN, IN_PROGRESS, DONE, CLOSED = "no_action", "open", "in_progress", "done", "closed"
LABELS = {
    NO_ACTION: _("No action yet"),
    OPEN: _("Action planned"),
    IN_PROGRESS: _("In progress"),
    DONE: _("Done"),
    CLOSED: _("Closed with an answer"),
}
CSS = {
    NO_ACTION: "text-bg-warning",
    OPEN: "text-bg-info",
    IN_PROGRESS: "text-bg-primary",
    DONE: "text-bg-success",
    CLOSED: "text-bg-secondary",
}


@dataclass
class Tracked:
    outcome: Outcome
    state: str = NO_ACTION
    actions: list = field(default_factory=list)  # the milestones the viewer may see

    @property
    def label(self):
        return LABELS[self.state]

    @property
    def css(self):
        return CSS[self.state]


def _state(statuses: list[str]) -> str:
    if not statuses:
        return NO_ACTION
    if all(status == Milestone.Status.DONE for status in statuses):
        return DONE
    if all(status == Milestone.Status.PLANNED for status in statuses):
        return OPEN
    return IN_PROGRESS


def tracked_outcomes(user: Viewer, outcomes) -> list[Tracked]:
    """Each outcome with its state and the actions the viewer may see. The state
    counts every action, seen or not: a council member may learn that their
    expectation is in progress without seeing a draft roadmap. One query."""
    outcomes = list(outcomes)
    if not outcomes:
        return []
    statuses = defaultdict(list)
    visible = defaultdict(list)
    milestones = (
        Milestone.objects.filter(source_outcome__in=[o.pk for o in outcomes])
        .exclude(status=Milestone.Status.CANCELLED)
        .annotate(seen=Exists(roadmaps_visible_to(user).filter(pk=OuterRef("roadmap_id"))))
        .select_related("roadmap")
        .order_by("due_date", "pk")
    )
    for milestone in milestones:
        statuses[milestone.source_outcome_id].append(milestone.status)
        if milestone.seen:
            visible[milestone.source_outcome_id].append(milestone)
    result = []
    for outcome in outcomes:
        state = CLOSED if outcome.closed_at else _state(statuses[outcome.pk])
        result.append(Tracked(outcome, state, visible[outcome.pk]))
    return result


def actionable_outcomes(user: Viewer) -> QuerySet[Outcome]:
    """Expectations, commitments and decisions of the meetings the viewer may see."""
    return (
        outcomes_visible_to(user)
        .filter(kind__in=Outcome.ACTIONABLE)
        .select_related("meeting", "organization", "market")
        # Each row names its meeting: not the meeting's agenda and minutes again.
        .defer("meeting__agenda", "meeting__minutes")
        .order_by("-meeting__starts_at", "order", "pk")
    )
