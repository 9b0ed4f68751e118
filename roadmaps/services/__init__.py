"""Every write to recommendations, roadmaps and milestones goes through here,
by concept: recommendations, roadmaps (and their milestones), indicators (figures
and targets), reminders.

The services of recommendations and roadmaps are re-exported, so callers write
`services.recommendation_submit(...)`; the reminders are a module of their own
(`services.reminders`), with the rules and the guarantee in its docstring.
"""

from .actions import milestone_answer_outcome
from .conversation import message_edit, message_post
from .indicators import indicators_import, published_figures_load, target_create, target_update
from .recommendations import (
    NewMilestone,
    recommendation_accept,
    recommendation_create,
    recommendation_decline,
    recommendation_mark_implemented,
    recommendation_start_review,
    recommendation_submit,
    recommendation_update,
)
from .roadmaps import (
    milestone_create,
    milestone_set_progress,
    milestone_update,
    roadmap_create,
    roadmap_update,
)

__all__ = [
    "NewMilestone",
    "indicators_import",
    "message_edit",
    "message_post",
    "milestone_answer_outcome",
    "milestone_create",
    "milestone_set_progress",
    "milestone_update",
    "published_figures_load",
    "recommendation_accept",
    "recommendation_create",
    "recommendation_decline",
    "recommendation_mark_implemented",
    "recommendation_start_review",
    "recommendation_submit",
    "recommendation_update",
    "roadmap_create",
    "roadmap_update",
    "target_create",
    "target_update",
]
