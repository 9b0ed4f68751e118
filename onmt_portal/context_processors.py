"""Template context every page needs: the navigation bar."""

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from partners.roles import has_portal_role

# The sections of the portal, in the order of the navigation bar. A section
# appears once its app routes the URL name, so the bar never links to a 404.
SECTIONS = [
    ("home", _("Dashboard")),
    ("partners:directory", _("Partners")),
    ("meetings:list", _("Meetings")),
    ("roadmaps:recommendation_list", _("Recommendations")),
    ("roadmaps:roadmap_list", _("Roadmaps")),
]


def _routed_sections():
    sections = []
    for url_name, label in SECTIONS:
        try:
            sections.append({"url": reverse(url_name), "label": label, "name": url_name})
        except NoReverseMatch:
            continue
    return sections


def navigation(request):
    """The navigation bar, and the request's reference (error pages show it)."""
    reference = {"request_id": getattr(request, "request_id", "")}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_sections": [], **reference}
    if not has_portal_role(user):
        # No current mandate: their profile only, and the reason on every other page.
        return {
            "nav_sections": [],
            "no_mandate": True,
            "support_email": settings.PORTAL_SUPPORT_EMAIL,
            **reference,
        }
    path = request.path
    sections = _routed_sections()
    for section in sections:
        url = section["url"]
        section["active"] = path == url if url == "/" else path.startswith(url)
    return {"nav_sections": sections, "nav_show_admin": request.user.is_staff, **reference}
