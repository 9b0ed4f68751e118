"""A label's colon follows the reader's language: « Responsable : » in French
(a non-breaking space before it), "Owner:" in English, "المسؤول:" in Arabic."""

import pytest
from django.conf import settings

from ..helpers.factories import RoadmapFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "language, label",
    [("fr", "Responsable\u00a0:"), ("en", "Owner:"), ("ar", "المسؤول:")],
)
def test_the_colon_after_a_label_in_each_language(client, staff, language, label):
    roadmap = RoadmapFactory()
    client.force_login(staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    page = client.get(f"/roadmaps/{roadmap.pk}/").content.decode()

    assert f"{label} <a href" in page
    assert f"{label.rstrip(':').rstrip()} :" not in page  # never a plain space before it
