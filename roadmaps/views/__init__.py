"""The screens, by concept: recommendations, roadmaps, milestones, indicators
(a market's page, its targets), exports (the spreadsheets of the pages)."""
