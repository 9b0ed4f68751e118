"""Meetings between ONMT and its partners, and what came out of them."""

import uuid

from django.conf import settings
from django.db import connections, models
from django.db.models import F, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.indexes import search_index, span, span_index
from partners.models import Market, Organization, Person

MEETING_SEARCH_FIELDS = ("title", "location", "agenda", "minutes")


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, *, now=None):
        """Not over yet. Each such meeting starts at or after the earliest start of
        the meetings under way (or now, when none is). The filter says so too, so
        that the index on the start reads them in order — the lists, the
        dashboard's next meetings — without walking every past meeting or
        sorting every meeting to come."""
        now = now or timezone.now()
        everything = self.model.objects.using(self.db)  # a bound: all meetings do
        earliest = everything.under_way(now=now).order_by("starts_at").values("starts_at")[:1]
        bound = Coalesce(Subquery(earliest), Value(now))
        return self.filter(ends_at__gte=now, starts_at__gte=bound)

    def past(self, *, now=None):
        """Over. They all started before now: said too, so that the index on the
        start reads the latest of them first without walking the meetings to come."""
        now = now or timezone.now()
        return self.filter(ends_at__lt=now, starts_at__lt=now)

    def under_way(self, *, now=None):
        """Started and not over: on PostgreSQL read from the GiST index of the
        meetings' spans (`meeting_span`), whatever the number of meetings."""
        now = now or timezone.now()
        if connections[self.db].vendor != "postgresql":  # the SQLite of `make run`
            return self.filter(starts_at__lte=now, ends_at__gte=now)
        return self.alias(span=span("starts_at", "ends_at")).filter(span__contains=now)


class Meeting(models.Model):
    class Kind(models.TextChoices):
        TASK_FORCE = "task_force", _("Task force")
        SUMMIT = "summit", _("Summit")
        WORKSHOP = "workshop", _("Workshop")
        STEERING_COMMITTEE = "steering_committee", _("Steering committee")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    title = models.CharField(_("title"), max_length=250)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.OTHER)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    location = models.CharField(_("location"), max_length=250, blank=True)
    organizer = models.ForeignKey(
        Organization,
        verbose_name=_("organizer"),
        on_delete=models.PROTECT,
        related_name="organized_meetings",
    )
    agenda = models.TextField(_("agenda"), blank=True, help_text=_("Purpose and context."))
    minutes = models.TextField(_("minutes"), blank=True, help_text=_("Markdown."))
    # Changed only by the services, along planned → held → published, or cancelled.
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED, editable=False
    )
    markets = models.ManyToManyField(
        Market, verbose_name=_("markets"), blank=True, related_name="meetings"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    # Optimistic locking: a save based on an older version is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    # The calendar identity: the UID never changes, SEQUENCE grows with each date change.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    ics_sequence = models.PositiveIntegerField(default=0, editable=False)

    objects = MeetingQuerySet.as_manager()

    # Who changed what, when (django-simple-history).
    history = HistoricalRecords()

    # Said when a form opened at an older version is saved (core/locking.py).
    stale_edit_message = _(
        "Someone else saved this meeting while you were editing it. Nothing was "
        "saved: your text is still below. Open the meeting again in another tab "
        "to see their changes, then apply yours."
    )

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="meeting_ends_after_it_starts",
                violation_error_message=_("A meeting must end after it starts."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "starts_at"]),
            models.Index(fields=["ends_at"]),
            # The meetings by date: the lists, the dashboard's next ones (`upcoming`).
            models.Index(fields=["starts_at", "id"], name="meeting_start"),
            # The meetings under way at an instant (`under_way`): GiST on PostgreSQL.
            span_index("meeting", "starts_at", "ends_at"),
            # Accent-insensitive search of the list: GIN on PostgreSQL.
            *(search_index("meeting", field) for field in MEETING_SEARCH_FIELDS),
        ]

    def __str__(self):
        return self.title


class Participant(models.Model):
    class Attendance(models.TextChoices):
        INVITED = "invited", _("Invited")
        ATTENDED = "attended", _("Attended")
        EXCUSED = "excused", _("Excused")
        ABSENT = "absent", _("Absent")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="participants"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="participations"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participations",
    )

    class Response(models.TextChoices):
        PENDING = "pending", _("No answer yet")
        ACCEPTED = "accepted", _("Will attend")
        DECLINED = "declined", _("Will not attend")
        SUBSTITUTED = "substituted", _("Sends a substitute")

    attendance = models.CharField(
        _("attendance"), max_length=16, choices=Attendance.choices, default=Attendance.INVITED
    )
    # The invitee's answer before the meeting (meetings/services/responses.py).
    response = models.CharField(
        _("answer"), max_length=16, choices=Response.choices, default=Response.PENDING
    )
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    substitute = models.ForeignKey(
        Person,
        verbose_name=_("substitute"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="substitutions",
        help_text=_("Someone of the same organization, sent in the invitee's place."),
    )

    # Who changed what, when (django-simple-history).
    history = HistoricalRecords()

    class Meta:
        ordering = ["person__last_name", "person__first_name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                name="participant_once_per_meeting",
                violation_error_message=_("This person is already a participant."),
            ),
        ]
        indexes = [models.Index(fields=["organization", "meeting"])]

    def __str__(self):
        return str(self.person)

    @property
    def expected_attendance(self) -> str:
        """Where the attendance sheet starts: what was recorded, else the answer."""
        if self.attendance != self.Attendance.INVITED:
            return self.attendance
        return {
            self.Response.ACCEPTED: self.Attendance.ATTENDED,
            self.Response.DECLINED: self.Attendance.EXCUSED,
            self.Response.SUBSTITUTED: self.Attendance.EXCUSED,
        }.get(self.response, self.Attendance.INVITED)


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=250)
    notes = models.TextField(_("notes"), blank=True)

    # Who changed what, when (django-simple-history).
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self):
        return self.title


class Outcome(models.Model):
    class Kind(models.TextChoices):
        DECISION = "decision", _("Decision")
        EXPECTATION = "expectation", _("Expectation")
        FEEDBACK = "feedback", _("Feedback")
        INSIGHT = "insight", _("Market insight")
        COMMITMENT = "commitment", _("Commitment")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="outcomes"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    text = models.TextField(_("text"))
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("voiced by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="outcomes",
    )
    market = models.ForeignKey(
        Market,
        verbose_name=_("market"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="outcomes",
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    # ONMT's written answer when it closes an outcome without an action
    # ("not retained, because …"); the actions are milestones (source_outcome).
    answer = models.TextField(_("ONMT's answer"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    # Who changed what, when (django-simple-history).
    history = HistoricalRecords()

    ACTIONABLE = ("expectation", "commitment", "decision")

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        # Accent-insensitive search (onmt_portal/finder.py): GIN on PostgreSQL.
        indexes = [search_index("outcome", "text")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"
