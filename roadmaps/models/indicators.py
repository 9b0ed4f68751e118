"""Tourism indicators per market — published figures with their source and
definition — and the targets set against them: the measure of recovery against
2019 (roadmaps/selectors/indicators.py says how it is computed)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partners.models import Market


class Metric(models.TextChoices):
    ARRIVALS = "arrivals", _("Arrivals")
    OVERNIGHT_STAYS = "overnight_stays", _("Overnight stays")
    RECEIPTS_MAD = "receipts_mad", _("Receipts (MAD)")


class Definition(models.TextChoices):
    """What a figure counts. Two figures are compared only under one definition."""

    ARRIVALS_TES = "arrivals_tes", _("Arrivals of foreign tourists (TES) at border posts")
    ARRIVALS_MRE = "arrivals_mre", _("Arrivals of Moroccans resident abroad (MRE)")
    ARRIVALS_ALL = "arrivals_all", _("All arrivals at border posts (TES and MRE)")
    NIGHTS_CLASSIFIED = "nights_classified", _("Nights in classified accommodation")
    TRAVEL_RECEIPTS = "travel_receipts", _("Travel receipts (Office des Changes)")


class MarketIndicator(models.Model):
    """One figure: a market's indicator for a month or a whole year, with what it
    counts (definition), where it comes from (source) and how far it was checked.

    Recovery compares a period with the same period of 2019, under the same
    definition; demonstration values are never divided by published ones."""

    Metric = Metric
    Definition = Definition

    market = models.ForeignKey(
        Market, verbose_name=_("market"), on_delete=models.PROTECT, related_name="indicators"
    )
    metric = models.CharField(_("indicator"), max_length=32, choices=Metric.choices)
    definition = models.CharField(_("definition"), max_length=32, choices=Definition.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(
        _("month"), null=True, blank=True, help_text=_("Empty: the whole year.")
    )
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=2)
    source = models.CharField(_("source"), max_length=500)
    confidence = models.CharField(_("how far it was checked"), max_length=300, blank=True)
    is_demo = models.BooleanField(
        _("demonstration value"),
        default=False,
        help_text=_("Not a published figure: shown « démo », never compared with published ones."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["market__code", "metric", "year", "month"]
        verbose_name = _("market indicator")
        verbose_name_plural = _("market indicators")
        constraints = [
            models.UniqueConstraint(
                fields=["market", "metric", "definition", "year", "month", "is_demo"],
                condition=Q(month__isnull=False),
                name="indicator_once_per_month",
                violation_error_message=_("This market already has this figure for this month."),
            ),
            models.UniqueConstraint(
                fields=["market", "metric", "definition", "year", "is_demo"],
                condition=Q(month__isnull=True),
                name="indicator_once_per_year",
                violation_error_message=_("This market already has this figure for this year."),
            ),
            models.CheckConstraint(
                condition=Q(month__isnull=True) | Q(month__gte=1, month__lte=12),
                name="indicator_month_1_to_12",
                violation_error_message=_("The month is a number from 1 to 12."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100),
                name="indicator_plausible_year",
                violation_error_message=_("The year must be between 2000 and 2100."),
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="indicator_value_not_negative",
                violation_error_message=_("An indicator cannot be negative."),
            ),
        ]
        indexes = [models.Index(fields=["market", "metric", "year"])]

    def __str__(self):
        period = f"{self.year}-{self.month:02d}" if self.month else str(self.year)
        return f"{self.market.code} {self.get_metric_display()} {period}"

    def clean(self):
        """One definition per market and metric (published and demonstration
        values apart): a ratio never divides one definition by another."""
        if not (self.market_id and self.metric and self.definition):
            return
        other = (
            MarketIndicator.objects.filter(
                market_id=self.market_id, metric=self.metric, is_demo=self.is_demo
            )
            .exclude(pk=self.pk)
            .exclude(definition=self.definition)
            .values_list("definition", flat=True)
            .first()
        )
        if other is not None:
            raise ValidationError(
                {
                    "definition": _(
                        "This market's figures of this indicator are counted as “%(known)s”; "
                        "this one counts “%(definition)s”. A ratio never mixes two "
                        "definitions: load this series apart, or change the other figures."
                    )
                    % {
                        "known": Definition(other).label,
                        "definition": Definition(self.definition).label,
                    }
                }
            )


class Target(models.Model):
    """Where a market should be for a metric in a year: a value, or a share of 2019
    (100 = back to 2019). Its status against the latest actual is computed
    (roadmaps/selectors/indicators.py: target_status)."""

    market = models.ForeignKey(
        Market, verbose_name=_("market"), on_delete=models.PROTECT, related_name="targets"
    )
    metric = models.CharField(_("indicator"), max_length=32, choices=Metric.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=2, null=True, blank=True)
    share_of_2019 = models.DecimalField(
        _("share of 2019 (%)"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("100 means back to 2019."),
    )
    note = models.TextField(_("note"), blank=True)
    is_demo = models.BooleanField(_("demonstration target"), default=False)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("set by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["market__code", "year", "metric"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(
                fields=["market", "metric", "year"],
                name="target_once_per_market_metric_year",
                violation_error_message=_("This market already has a target for it that year."),
            ),
            models.CheckConstraint(
                condition=(Q(value__isnull=False) & Q(share_of_2019__isnull=True))
                | (Q(value__isnull=True) & Q(share_of_2019__isnull=False)),
                name="target_a_value_or_a_share",
                violation_error_message=_("Give the target as a value or as a share of 2019."),
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=0),
                name="target_value_not_negative",
                violation_error_message=_("A target cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(share_of_2019__isnull=True) | Q(share_of_2019__gt=0),
                name="target_share_positive",
                violation_error_message=_("A share of 2019 must be above zero."),
            ),
        ]

    def __str__(self):
        return f"{self.market.code} {self.get_metric_display()} {self.year}"
