"""A market's roadmap for a period, and its dated milestones."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.indexes import search_index
from meetings.models import Meeting, Outcome
from partners.models import Market, Person


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
        """Work still to do: planned or in progress (Milestone.OPEN_STATUSES)."""
        return self.filter(status__in=Milestone.OPEN_STATUSES)

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
    # The plan against which slippage is measured: the due date when the roadmap
    # became active (or, for a milestone added later, its first due date).
    baseline_due_date = models.DateField(
        _("planned due date"), null=True, blank=True, editable=False
    )
    source_meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("from the meeting"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="followup_milestones",
    )
    # The expectation, commitment or decision of a meeting this milestone answers.
    source_outcome = models.ForeignKey(
        Outcome,
        verbose_name=_("answers the outcome"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
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

    # The one definition of an open milestone: work still to do. Reminders,
    # lateness, pickers and counts all use it (or MilestoneQuerySet.open()).
    OPEN_STATUSES = (Status.PLANNED, Status.IN_PROGRESS)

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
            # Accent-insensitive search (onmt_portal/finder.py): GIN on PostgreSQL.
            *(search_index("milestone", field) for field in ("title", "description")),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        """Its row on its roadmap's page, on the page of rows that holds it."""
        url = reverse("roadmaps:roadmap_detail", args=[self.roadmap_id])
        return f"{url}?milestone={self.pk}#milestone-{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_date < timezone.localdate()

    @property
    def slippage_days(self) -> int | None:
        """Days between the plan and the current due date (+ late, - early)."""
        if self.baseline_due_date is None or self.due_date is None:
            return None
        return (self.due_date - self.baseline_due_date).days

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
