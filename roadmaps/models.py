"""Recommendations from the partners, and the per-market roadmaps they feed."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Func, Q
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from meetings.models import Meeting
from partners.models import Market, Organization, Person


class Roadmap(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")

    market = models.ForeignKey(
        Market, verbose_name=_("market"), on_delete=models.PROTECT, related_name="roadmaps"
    )
    title = models.CharField(_("title"), max_length=250)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    owner = models.ForeignKey(
        Person,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="owned_roadmaps",
        help_text=_("The ONMT delegate for the market."),
    )
    objectives = models.TextField(_("objectives"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # Who changed what, when (django-simple-history).
    history = HistoricalRecords()

    class Meta:
        ordering = ["market__code", "-starts_on"]
        verbose_name = _("roadmap")
        verbose_name_plural = _("roadmaps")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="roadmap_ends_after_it_starts",
                violation_error_message=_("A roadmap cannot end before it starts."),
            ),
            # On PostgreSQL, migration 0002 adds an exclusion constraint: no two
            # roadmaps of one market with overlapping periods.
        ]
        indexes = [models.Index(fields=["status", "market"])]

    def __str__(self):
        return self.title

    def clean(self):
        from django.core.exceptions import ValidationError

        if (
            not (self.market_id and self.starts_on and self.ends_on)
            or self.ends_on < self.starts_on
        ):
            return
        overlapping = Roadmap.objects.filter(
            market_id=self.market_id, starts_on__lte=self.ends_on, ends_on__gte=self.starts_on
        ).exclude(pk=self.pk)
        if overlapping.exists():
            raise ValidationError(
                _("This market already has a roadmap for part of this period: %(other)s.")
                % {"other": overlapping.first().title}
            )


class MilestoneQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=[Milestone.Status.PLANNED, Milestone.Status.IN_PROGRESS])

    def overdue(self, *, today=None):
        return self.open().filter(due_date__lt=today or timezone.localdate())

    def due_within(self, *, days: int, today=None):
        today = today or timezone.localdate()
        return self.open().filter(
            due_date__gte=today, due_date__lte=today + timezone.timedelta(days=days)
        )


class Milestone(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    roadmap = models.ForeignKey(
        Roadmap, verbose_name=_("roadmap"), on_delete=models.PROTECT, related_name="milestones"
    )
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    due_date = models.DateField(_("due date"))
    owner = models.ForeignKey(
        Person, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="milestones"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    source_meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("from the meeting"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="followup_milestones",
    )
    recommendations = models.ManyToManyField(
        "Recommendation",
        verbose_name=_("recommendations"),
        blank=True,
        related_name="milestones",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MilestoneQuerySet.as_manager()

    # Who changed what, when (django-simple-history).
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100),
                name="milestone_progress_at_most_100",
                violation_error_message=_("Progress is a percentage, from 0 to 100."),
            ),
            models.CheckConstraint(
                condition=(Q(status="done", progress=100, completed_on__isnull=False))
                | (~Q(status="done") & Q(completed_on__isnull=True)),
                name="milestone_done_means_100_and_a_date",
                violation_error_message=_(
                    "A done milestone is at 100% with a completion date; any other has none."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_date"]),
            models.Index(fields=["owner", "status"]),
        ]

    def __str__(self):
        return self.title

    @property
    def is_overdue(self) -> bool:
        return self.status in (self.Status.PLANNED, self.Status.IN_PROGRESS) and (
            self.due_date < timezone.localdate()
        )

    def clean(self):
        from django.core.exceptions import ValidationError

        roadmap = self.roadmap if self.roadmap_id else None
        if (
            roadmap
            and self.due_date
            and not (roadmap.starts_on <= self.due_date <= roadmap.ends_on)
        ):
            raise ValidationError(
                {
                    "due_date": _(
                        "The due date must fall within the roadmap's period (%(start)s – %(end)s)."
                    )
                    % {
                        "start": date_format(roadmap.starts_on, "SHORT_DATE_FORMAT"),
                        "end": date_format(roadmap.ends_on, "SHORT_DATE_FORMAT"),
                    }
                }
            )


class Recommendation(models.Model):
    class Theme(models.TextChoices):
        PROMOTION = "promotion", _("Promotion campaigns")
        AIR_CONNECTIVITY = "air_connectivity", _("Air connectivity")
        DIGITAL = "digital", _("Digital")
        FAIRS = "fairs", _("Fairs and events")
        PRODUCT = "product", _("Product and offer")
        TRAINING = "training", _("Training")
        OTHER = "other", _("Other")

    class Priority(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        UNDER_REVIEW = "under_review", _("Under review")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        IMPLEMENTED = "implemented", _("Implemented")

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    author = models.ForeignKey(
        Person, verbose_name=_("author"), on_delete=models.PROTECT, related_name="recommendations"
    )
    markets = models.ManyToManyField(
        Market, verbose_name=_("markets"), related_name="recommendations"
    )
    theme = models.CharField(_("theme"), max_length=32, choices=Theme.choices)
    title = models.CharField(_("title"), max_length=250)
    body = models.TextField(_("text"))
    priority = models.CharField(
        _("priority"), max_length=16, choices=Priority.choices, default=Priority.MEDIUM
    )
    # Changed only by the services, along the allowed transitions.
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    response = models.TextField(_("ONMT's answer"), blank=True)
    review_notes = models.TextField(
        _("review notes"), blank=True, help_text=_("Internal to ONMT: never shown to the partner.")
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("raised at"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)
    review_started_at = models.DateTimeField(
        _("review started"), null=True, blank=True, editable=False
    )
    review_started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("review started by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    implemented_at = models.DateTimeField(_("implemented"), null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # Who changed what, when (django-simple-history).
    history = HistoricalRecords()

    class Meta:
        ordering = ["-submitted_at", "-created_at"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        indexes = [
            models.Index(fields=["status", "submitted_at"]),
            models.Index(fields=["organization", "status"]),
            # The portal's list: most recently changed first, all or by status.
            models.Index(fields=["-updated_at", "-id"], name="recommendation_recent"),
            models.Index(fields=["status", "-updated_at"], name="recommendation_status_recent"),
            # Accent-insensitive search (partners/search.py), PostgreSQL only.
            *(
                GinIndex(
                    OpClass(Upper(Func(F(field), function="portal_unaccent")), "gin_trgm_ops"),
                    name=f"recommendation_{field}_search",
                )
                for field in ("title", "body")
            ),
        ]

    def __str__(self):
        return self.title


class ReminderLog(models.Model):
    """One reminder of one milestone to one person: the guarantee it goes out once.

    A row is created (claimed) before anything is sent; the unique constraint
    makes a second scan find it instead of creating another. A digest task then
    takes the unsent rows of its recipient with a claim token, sends, and sets
    sent_at. See roadmaps/reminders.py for the one window left.
    """

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Due soon")
        OVERDUE = "overdue", _("Overdue")
        ESCALATION = "escalation", _("Escalation")

    milestone = models.ForeignKey(
        Milestone, verbose_name=_("milestone"), on_delete=models.CASCADE, related_name="reminders"
    )
    # e.g. "due_soon:7" (7 days before), "overdue:2" (third week late), "escalation:0".
    kind = models.CharField(_("kind"), max_length=32)
    due_date = models.DateField(_("due date"))
    recipient = models.ForeignKey(
        Person, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="reminders"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    claim_token = models.CharField(max_length=64, blank=True, editable=False)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    skipped = models.BooleanField(
        _("skipped"), default=False, help_text=_("No longer due when its digest went out.")
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["milestone", "kind", "due_date", "recipient"],
                name="reminder_once_per_milestone_kind_due_date_recipient",
            )
        ]
        indexes = [models.Index(fields=["recipient", "sent_at"])]

    def __str__(self):
        return f"{self.kind} — {self.milestone} → {self.recipient}"

    @property
    def state(self) -> str:
        if self.skipped:
            return "skipped"
        if self.sent_at:
            return "sent"
        return "claimed" if self.claim_token else "pending"


class MarketIndicator(models.Model):
    """One month of one tourism indicator for one market, with its source.

    Recovery compares a period with the same months of 2019."""

    class Metric(models.TextChoices):
        ARRIVALS = "arrivals", _("Arrivals")
        OVERNIGHT_STAYS = "overnight_stays", _("Overnight stays")
        RECEIPTS_MAD = "receipts_mad", _("Receipts (MAD)")

    market = models.ForeignKey(
        Market, verbose_name=_("market"), on_delete=models.PROTECT, related_name="indicators"
    )
    metric = models.CharField(_("indicator"), max_length=32, choices=Metric.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=2)
    source = models.CharField(_("source"), max_length=200)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["market__code", "metric", "year", "month"]
        verbose_name = _("market indicator")
        verbose_name_plural = _("market indicators")
        constraints = [
            models.UniqueConstraint(
                fields=["market", "metric", "year", "month"],
                name="indicator_once_per_market_metric_month",
                violation_error_message=_("This market already has this indicator for this month."),
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12),
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
        indexes = [models.Index(fields=["metric", "year", "month"])]

    def __str__(self):
        return f"{self.market.code} {self.get_metric_display()} {self.year}-{self.month:02d}"
