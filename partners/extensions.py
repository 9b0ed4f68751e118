"""Panels that apps to the right (meetings, roadmaps) add to directory pages.

The directory must not import them (DESIGN.md dependency direction), so they
register a renderer here when they start: renderer(request, organization) returns
HTML or "" (nothing for this viewer).
"""

_organization_panels = []


def register_organization_panel(renderer) -> None:
    if renderer not in _organization_panels:
        _organization_panels.append(renderer)


def organization_panels(request, organization) -> list[str]:
    return [html for renderer in _organization_panels if (html := renderer(request, organization))]
