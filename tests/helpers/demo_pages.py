"""The main pages of each demo role (seed_demo), for the suite-wide walks:
accessibility, languages."""

from meetings.models import Meeting
from partners.models import Organization, Person
from roadmaps.models import Recommendation, Roadmap


def main_pages(role: str) -> list[str]:
    """crt.fes (a council president), onmt.staff, or the admin's pages."""
    meeting = Meeting.objects.get(starts_at__day=8, starts_at__month=7).pk
    own = (
        Recommendation.objects.filter(organization__short_name="CRT Fès-Meknès")
        .exclude(status="draft")
        .first()
        .pk
    )
    roadmap = Roadmap.objects.filter(market__code="FR").order_by("-starts_on").first().pk
    council = Organization.objects.get(short_name="CRT Fès-Meknès").pk
    person = Person.objects.filter(memberships__organization_id=council).first().pk
    common = [
        "/",
        "/partners/",
        "/partners/?q=f%C3%A8s",
        f"/partners/{council}/",
        f"/partners/people/{person}/",
        "/meetings/",
        "/meetings/?when=past",
        f"/meetings/{meeting}/",
        "/recommendations/",
        f"/recommendations/{own}/",
        "/roadmaps/",
        f"/roadmaps/{roadmap}/",
        "/markets/FR/",
        "/inbox/",
        "/search/?q=tourisme",
        "/accounts/profile/",
    ]
    if role == "crt.fes":
        return [*common, "/recommendations/new/"]
    if role == "onmt.staff":
        return [
            *common,
            "/meetings/new/",
            f"/meetings/{meeting}/outcomes/",
            f"/recommendations/{own}/review/",
            "/markets/FR/targets/new/",
        ]
    return [
        "/admin/",
        "/admin/partners/organization/",
        f"/admin/partners/organization/{council}/change/",
        "/admin/partners/organization/import/",
        "/admin/roadmaps/marketindicator/import/",
        "/admin/partners/organization/export/",
        "/admin/roadmaps/recommendation/",
        "/admin/django_celery_beat/periodictask/",
        "/admin/axes/accessattempt/",
    ]
