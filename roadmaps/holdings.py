"""What a person holds in roadmaps, for hand-overs (partners/extensions.py):
the open milestones they own, the roadmaps they lead, the recommendations they
wrote that ONMT has not decided yet."""

from django.utils.translation import gettext_lazy as _

from partners.extensions import Holding

from .selectors.recommendations import recommendations_held
from .selectors.roadmaps import milestones_held, roadmaps_held
from .services.recommendations import recommendations_transfer
from .services.roadmaps import milestones_transfer, roadmaps_transfer

HOLDINGS = [
    Holding("milestones", _("Open milestones"), milestones_held, milestones_transfer),
    Holding("roadmaps", _("Roadmaps they lead"), roadmaps_held, roadmaps_transfer),
    Holding(
        "recommendations",
        _("Recommendations ONMT has not decided yet"),
        recommendations_held,
        recommendations_transfer,
    ),
]
