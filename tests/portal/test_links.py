"""URLs reversed once for a page's many rows (core.links.pk_reverser)."""

import pytest
from django.urls import reverse

from core.links import pk_reverser


@pytest.mark.parametrize(
    "viewname",
    ["roadmaps:milestone_progress", "roadmaps:milestone_edit", "meetings:detail"],
)
def test_each_key_gets_the_url_reverse_gives(viewname):
    url = pk_reverser(viewname)

    for pk in (1, 7, 42, 1000, 9_876_543):
        assert url(pk) == reverse(viewname, args=[pk])


def test_a_key_is_written_as_a_number_only():
    url = pk_reverser("meetings:detail")

    assert url("12") == reverse("meetings:detail", args=[12])
    with pytest.raises(ValueError):
        url("12/../admin")
