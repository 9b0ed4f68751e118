"""Panels that apps to the right (roadmaps) add to meeting pages, without meetings
importing them: renderer(request, meeting) returns HTML or "" (nothing to show)."""

_panels = {"detail": [], "outcomes": []}


def register_meeting_panel(page: str, renderer) -> None:
    if renderer not in _panels[page]:
        _panels[page].append(renderer)


def meeting_panels(page: str, request, meeting) -> list[str]:
    return [html for renderer in _panels[page] if (html := renderer(request, meeting))]
