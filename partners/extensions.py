"""What apps to the right (meetings, roadmaps) add to the directory, without the
directory importing them (DESIGN.md dependency direction): they register here
when they start.

- Organization panels: renderer(request, organization) returns HTML, or "" when
  there is nothing for this viewer.
- Holdings: the kinds of work a person holds through a mandate (open milestones,
  roadmaps, invitations, drafts). A hand-over lists them and moves them to
  whoever takes over (partners.services.mandate_hand_over).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet

_organization_panels = []
_holdings = {}


def register_organization_panel(renderer) -> None:
    if renderer not in _organization_panels:
        _organization_panels.append(renderer)


def organization_panels(request, organization) -> list[str]:
    return [html for renderer in _organization_panels if (html := renderer(request, organization))]


@dataclass(frozen=True)
class Holding:
    """One kind of work a person holds.

    held(person, organization, everything) is what they hold through their
    mandate in that organization — everything they hold when it is their last
    current mandate; transfer(items, to, by) gives those items to `to`, each
    change recorded in history under `by`, and returns how many moved;
    describe(item) is how an item reads in the hand-over screen.
    """

    key: str
    label: str
    held: Callable[..., QuerySet]
    transfer: Callable[..., int]
    # How one item reads in the hand-over's list.
    describe: Callable[..., str] = str


def register_holding(holding: Holding) -> None:
    _holdings[holding.key] = holding


def holdings() -> list[Holding]:
    return list(_holdings.values())
