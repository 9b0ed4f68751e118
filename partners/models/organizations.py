"""The partner organizations: ONMT, its delegations, federations, councils, airlines."""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.indexes import search_index

from .names import in_reader_language, name_field_ar, name_field_en
from .places import Market, Region

ORGANIZATION_SEARCH_FIELDS = ("short_name", "name", "name_ar", "name_en", "province")


class ActiveQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Organization(models.Model):
    class Kind(models.TextChoices):
        OFFICE = "office", _("Office")
        CONFEDERATION = "confederation", _("Confederation")
        FEDERATION = "federation", _("Federation")
        REGIONAL_COUNCIL = "regional_council", _("Regional tourism council")
        PROVINCIAL_COUNCIL = "provincial_council", _("Provincial tourism council")
        AIRLINE = "airline", _("Airline")
        DELEGATION = "delegation", _("ONMT delegation abroad")
        OTHER = "other", _("Other")

    class Sector(models.TextChoices):
        PUBLIC = "public", _("Public")
        PRIVATE = "private", _("Private")
        PUBLIC_PRIVATE = "public_private", _("Public-private")

    name = models.CharField(_("name"), max_length=200)
    name_ar = name_field_ar(200)
    name_en = name_field_en(200)
    # How imports match organizations, and how people refer to them (CNT, FNIH).
    short_name = models.CharField(_("short name"), max_length=60)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations",
    )
    province = models.CharField(_("province"), max_length=100, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    markets = models.ManyToManyField(
        Market,
        verbose_name=_("markets"),
        blank=True,
        related_name="organizations",
        help_text=_("For ONMT delegations abroad: the markets they cover."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    address = models.TextField(_("address"), blank=True)
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Archived organizations leave the pickers but stay in history."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ActiveQuerySet.as_manager()

    # Who changed what, when (django-simple-history).
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        constraints = [
            models.UniqueConstraint(
                Lower("short_name"),
                name="organization_short_name_unique_ci",
                violation_error_message=_("Another organization already uses this short name."),
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")),
                name="organization_not_its_own_parent",
                violation_error_message=_("An organization cannot be its own parent."),
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "is_active"]),
            models.Index(fields=["region", "is_active"]),
            # Accent-insensitive search (directory, pickers): GIN on PostgreSQL.
            *(search_index("organization", field) for field in ORGANIZATION_SEARCH_FIELDS),
        ]

    def __str__(self):
        if self.short_name == self.name:
            return self.display_name
        return f"{self.display_name} ({self.short_name})"

    @property
    def display_name(self) -> str:
        return in_reader_language(self)
