"""Languages, number formats and time: French first, Arabic right to left, English;
Africa/Casablanca time. The catalogs are in locale/ (make messages)."""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

__all__ = [
    "FORMAT_MODULE_PATH",
    "LANGUAGES",
    "LANGUAGE_CODE",
    "LANGUAGE_COOKIE_AGE",
    "LANGUAGE_COOKIE_NAME",
    "LANGUAGE_COOKIE_SAMESITE",
    "LOCALE_PATHS",
    "TIME_ZONE",
    "USE_I18N",
    "USE_TZ",
]

LANGUAGE_CODE = "fr"
LANGUAGES = [
    ("fr", _("French")),
    ("ar", _("Arabic")),
    ("en", _("English")),
]
LOCALE_PATHS = [Path(__file__).resolve().parent.parent.parent / "locale"]
FORMAT_MODULE_PATH = ["onmt_portal.formats"]  # Arabic figures grouped by thousands
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Africa/Casablanca"
LANGUAGE_COOKIE_NAME = "portal_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
