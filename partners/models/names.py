"""Names in the reader's language: the French name is the reference (imports
match on it, lists sort by it); the Arabic and English ones, when given, are
shown to readers of those languages."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

TRANSLATED = ("ar", "en")


def name_field_ar(max_length: int) -> models.CharField:
    return models.CharField(_("name in Arabic"), max_length=max_length, blank=True)


def name_field_en(max_length: int) -> models.CharField:
    return models.CharField(_("name in English"), max_length=max_length, blank=True)


def in_reader_language(instance: models.Model, field: str = "name") -> str:
    """`field` in the active language when it is given, the French one otherwise."""
    language = (get_language() or "")[:2]
    if language in TRANSLATED:
        return getattr(instance, f"{field}_{language}") or getattr(instance, field)
    return getattr(instance, field)


def name_fields(prefix: str = "") -> list[str]:
    """The name in every language, as searches and imports list them."""
    return [f"{prefix}name", *(f"{prefix}name_{language}" for language in TRANSLATED)]
