"""The client's address, as the portal's trusted proxies saw it.

In production the portal sits behind TRUSTED_PROXY_COUNT proxies (compose: one,
the TLS proxy), each appending the address it received the request from to
X-Forwarded-For. The client is then the entry that many places from the right:
whatever a client writes in that header itself stays to the left and is never
believed. With no proxy (make run, tests), it is REMOTE_ADDR.

Log-in throttling (django-axes and the per-address limit) and the password-reset
limit all key on this one answer.
"""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """None when the request came from nowhere (a test client's log-in)."""
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = settings.TRUSTED_PROXY_COUNT
    if not proxies:
        return remote
    hops = [
        hop.strip()
        for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if hop.strip()
    ]
    if len(hops) < proxies:
        # Fewer hops than proxies: not a request that came through them all.
        return remote
    return hops[-proxies]


def ratelimit_key(group: str, request: HttpRequest) -> str:
    """django-ratelimit's key: the client's address."""
    return client_ip(request) or ""
