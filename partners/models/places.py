"""Where partners work and where tourists come from: Morocco's regions, source markets."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .names import in_reader_language, name_field_ar, name_field_en


class Region(models.Model):
    """One of the 12 regions of Morocco (2015 division), loaded by a data migration."""

    code = models.CharField(_("code"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_ar = name_field_ar(100)
    name_en = name_field_en(100)

    # Who changed what, when (django-simple-history).
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return in_reader_language(self)


class Market(models.Model):
    """A source market of tourists (FR, ES, UK, …), or the domestic one (MA)."""

    code = models.CharField(_("code"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_ar = name_field_ar(100)
    name_en = name_field_en(100)
    is_strategic = models.BooleanField(_("strategic market"), default=False)

    # Who changed what, when (django-simple-history).
    history = HistoricalRecords()

    class Meta:
        ordering = ["-is_strategic", "code"]
        verbose_name = _("market")
        verbose_name_plural = _("markets")

    def __str__(self):
        return f"{self.display_name} ({self.code})"

    @property
    def display_name(self) -> str:
        return in_reader_language(self)
