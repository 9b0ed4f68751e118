"""Recommendations from the partners, the per-market roadmaps they feed, the
reminders of their milestones, and the indicators that measure recovery."""

from .indicators import Definition, MarketIndicator, Metric, Target
from .recommendations import Recommendation, RecommendationMessage
from .reminders import ReminderLog
from .roadmaps import Milestone, MilestoneQuerySet, Roadmap

__all__ = [
    "Definition",
    "MarketIndicator",
    "Metric",
    "Milestone",
    "MilestoneQuerySet",
    "Recommendation",
    "RecommendationMessage",
    "ReminderLog",
    "Roadmap",
    "Target",
]
