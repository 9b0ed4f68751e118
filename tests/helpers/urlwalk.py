"""Every URL pattern of the project, with sample arguments, for suite-wide checks."""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

SAMPLE_ARGUMENTS = {
    "int": "1",
    "str": "x",
    "slug": "x",
    "uuid": "00000000-0000-0000-0000-000000000001",
}


@dataclass(frozen=True)
class Route:
    name: str  # namespace:name
    path: str  # a concrete path with sample arguments


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), full_ns)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            name = f"{namespace}:{entry.name}" if namespace else (entry.name or route)
            yield name, route, entry


def project_routes(*, exclude_namespaces=("admin",)) -> list[Route]:
    routes = []
    for name, route, _entry in _walk(get_resolver().url_patterns):
        if name.split(":")[0] in exclude_namespaces:
            continue
        if route.startswith("^"):
            # Regex routes (none of ours): cannot build a sample path reliably.
            raise AssertionError(
                f"regex URL pattern {route!r} needs a sample in tests/helpers/urlwalk.py"
            )
        path = re.sub(
            r"<(?:(\w+):)?\w+>",
            lambda match: SAMPLE_ARGUMENTS.get(match.group(1) or "str", "1"),
            route,
        )
        routes.append(Route(name=name, path="/" + path))
    return routes
