"""Reads that cross relations, by concept: recommendations, roadmaps (and their
milestones), indicators (recovery against 2019) and the dashboard's cached
recommendation figures. Every read starts from the viewer's visible querysets."""

from .recommendations import recommendation_page, recommendations_for_list, with_market_codes
from .roadmaps import milestones_as_seen_by, roadmap_page, roadmap_summary, roadmaps_for_list

__all__ = [
    "milestones_as_seen_by",
    "recommendation_page",
    "recommendations_for_list",
    "roadmap_page",
    "roadmap_summary",
    "roadmaps_for_list",
    "with_market_codes",
]
