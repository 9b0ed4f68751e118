"""seed_volume creates what it says, the same way twice, and only once."""

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count

from meetings.models import Meeting, Outcome, Participant
from onmt_portal.volume import MARK, counts, seed_volume
from partners.models import Organization, Person
from roadmaps.models import MarketIndicator, Milestone, Recommendation, Roadmap

pytestmark = pytest.mark.django_db
SCALE = 0.01


class Rollback(Exception):
    pass


def snapshot():
    return {
        "milestones": list(
            Milestone.objects.filter(title__startswith=MARK)
            .order_by("title")
            .values_list("title", "due_date", "status", "progress")
        ),
        "recommendations": list(
            Recommendation.objects.filter(title__startswith=MARK)
            .order_by("title")
            .values_list("title", "theme", "status", "organization__short_name")
        ),
        "participants": Participant.objects.filter(meeting__title__startswith=MARK).count(),
    }


def test_seed_volume_creates_what_it_says_deterministically_and_once(capsys):
    size = counts(SCALE)
    with pytest.raises(Rollback), transaction.atomic():
        seed_volume(scale=SCALE)
        first = snapshot()
        raise Rollback

    call_command("seed_volume", scale=SCALE)
    assert snapshot() == first

    volume_organizations = Organization.objects.filter(short_name__startswith=MARK)
    assert volume_organizations.count() == size["organizations"]
    # Partners only: no second ONMT office or delegation, whose members would be
    # ONMT staff or delegates.
    assert not volume_organizations.filter(kind__in=["office", "delegation"]).exists()
    assert Person.objects.filter(last_name__startswith=MARK).count() == size["people"]
    meetings = Meeting.objects.filter(title__startswith=MARK)
    assert meetings.count() == size["meetings"]
    assert Participant.objects.filter(meeting__in=meetings).count() == size["meetings"] * 10
    assert Outcome.objects.filter(meeting__in=meetings).count() == size["meetings"] * 5
    assert Recommendation.objects.filter(title__startswith=MARK).count() == size["recommendations"]
    assert Roadmap.objects.filter(title__startswith=MARK).count() == size["roadmaps"]
    pattern = size["milestones_per_roadmap"]
    assert len(first["milestones"]) == sum(
        pattern[index % len(pattern)] for index in range(size["roadmaps"])
    )
    assert (
        Roadmap.objects.filter(title__startswith=MARK)
        .annotate(n=Count("milestones"))
        .filter(n=100)
        .exists()
    )
    assert (
        MarketIndicator.objects.filter(source=f"{MARK}volume").count()
        == size["markets"] * 10 * 12 * 3
    )

    call_command("seed_volume", scale=SCALE)
    assert "nothing added" in capsys.readouterr().out
    assert Recommendation.objects.filter(title__startswith=MARK).count() == size["recommendations"]
