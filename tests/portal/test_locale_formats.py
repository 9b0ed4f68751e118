"""Dates, times, numbers and percentages in the reader's locale: in Arabic the
day first and a 24-hour clock (« 8 يوليو 2022، 10:00 – 17:00 »), never Django's
« يوليو 8, 2022, 10 ص »; a percentage isolated left to right."""

import datetime

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import formats, timezone, translation

from ..helpers.factories import MeetingFactory

pytestmark = pytest.mark.django_db
MEETING_DAY = datetime.datetime(2022, 7, 8, 10, 0)


@pytest.mark.parametrize(
    "language, when",
    [
        ("ar", "8 يوليو 2022، 10:00 – 17:00"),
        ("fr", "8 juillet 2022 10:00 – 17:00"),
        ("en", "July 8, 2022, 10 a.m. – 5 p.m."),
    ],
)
def test_a_meeting_time_in_each_language(client, staff, language, when):
    start = timezone.make_aware(MEETING_DAY)
    meeting = MeetingFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=7))
    client.force_login(staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    page = client.get(f"/meetings/{meeting.pk}/").content.decode()

    assert when in page


def test_arabic_short_dates_and_times():
    moment = timezone.make_aware(datetime.datetime(2022, 7, 8, 17, 5))
    with translation.override("ar"):
        short = formats.date_format(moment, "SHORT_DATETIME_FORMAT")
        assert short == "08\u200f/07\u200f/2022 17:05"
        assert formats.number_format(1990813, 0, use_l10n=True, force_grouping=True) == "1.990.813"


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_a_percentage_is_isolated_left_to_right(language):
    template = Template("{% load portal_markup %}{{ 36|percent_value }}|{{ share|percent_value }}")
    with translation.override(language):
        shown = template.render(Context({"share": 99.5}))
    decimal = "." if language == "en" else ","
    assert shown == f"\u206636\u00a0%\u2069|\u206699{decimal}5\u00a0%\u2069"
