"""The admin in Arabic, third-party apps included: no « AXES », « OTP_TOTP »,
« Crontabs » or French « Tâches périodique »; import and export pages name each
column in Arabic beside the header the file carries."""

import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def arabic_admin(admin_client):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    return admin_client


def sidebar_and_index(page: str) -> str:
    """The visible text of the admin's app list, tags stripped."""
    return re.sub(r"<[^>]+>", " ", page)


def test_every_app_and_model_of_the_index_reads_in_arabic(arabic_admin):
    text = sidebar_and_index(arabic_admin.get("/admin/").content.decode())

    for foreign in (
        "Axes",
        "AXES",
        "Otp_",
        "OTP_",
        "Crontab",
        "Tâches",
        "Intervales",
        "Static devices",
    ):
        assert foreign not in text, foreign
    for arabic in ("حماية تسجيل الدخول", "تطبيقات المصادقة", "المهام المجدولة", "فواصل زمنية"):
        assert arabic in text, arabic


def test_the_import_page_names_each_column_in_arabic(arabic_admin):
    page = arabic_admin.get("/admin/partners/organization/import/").content.decode()

    assert 'الاسم بالعربية — <code dir="ltr">name_ar</code>' in page
    assert "This importer" not in page


def test_the_export_page_labels_its_fields_in_arabic(arabic_admin):
    page = arabic_admin.get("/admin/partners/organization/export/").content.decode()

    assert "الاسم بالعربية (name_ar)" in page and "Name Ar" not in page
    assert "تحديد الكل" in page and "Cet exportateur" not in page
