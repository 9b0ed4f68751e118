"""Forms (validation only), by concept: recommendations, roadmaps and milestones, targets."""

from .recommendations import MessageForm, RecommendationFilterForm, RecommendationForm, ReviewForm
from .roadmaps import FollowupMilestoneForm, MilestoneForm, ProgressForm, RoadmapForm
from .targets import TargetForm

__all__ = [
    "FollowupMilestoneForm",
    "MessageForm",
    "MilestoneForm",
    "ProgressForm",
    "RecommendationFilterForm",
    "RecommendationForm",
    "ReviewForm",
    "RoadmapForm",
    "TargetForm",
]
