"""What the partners recommend to ONMT, and ONMT's answer."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.indexes import search_index
from meetings.models import Meeting
from partners.models import Market, Organization, Person


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
        NEEDS_INFORMATION = "needs_information", _("Needs information")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        IMPLEMENTED = "implemented", _("Implemented")

    # Not decided yet: the organization's author still follows them.
    OPEN_STATUSES = (
        Status.DRAFT,
        Status.SUBMITTED,
        Status.UNDER_REVIEW,
        Status.NEEDS_INFORMATION,
    )

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
    # A draft needs only its title; submitting needs these (the form marks them,
    # recommendation_submit checks them, the constraint below holds them).
    REQUIRED_TO_SUBMIT = ("theme", "body", "markets")
    theme = models.CharField(_("theme"), max_length=32, choices=Theme.choices, blank=True)
    title = models.CharField(_("title"), max_length=250)
    body = models.TextField(_("text"), blank=True)
    priority = models.CharField(
        _("priority"), max_length=16, choices=Priority.choices, default=Priority.MEDIUM
    )
    # Changed only by the services, along the allowed transitions.
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False
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
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="draft") | (~models.Q(theme="") & ~models.Q(body="")),
                name="recommendation_submitted_complete",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "submitted_at"]),
            models.Index(fields=["organization", "status"]),
            # The portal's list: most recently changed first, all or by status.
            models.Index(fields=["-updated_at", "-id"], name="recommendation_recent"),
            models.Index(fields=["status", "-updated_at"], name="recommendation_status_recent"),
            # The inbox: what waits for a decision, the oldest first.
            models.Index(
                fields=["submitted_at", "id"],
                condition=models.Q(status__in=["submitted", "under_review"]),
                name="recommendation_waiting",
            ),
            # The list's bounded count by status and market: a merge of this
            # index with recommendation_market_first (migration 0017) in id order.
            models.Index(fields=["status", "id"], name="recommendation_status_id"),
            # Accent-insensitive search (partners/search.py): GIN on PostgreSQL.
            *(search_index("recommendation", field) for field in ("title", "body")),
        ]

    def __str__(self):
        return self.title


class RecommendationMessage(models.Model):
    """One message of the conversation on a recommendation: a reviewer's question
    to the submitting organization, its answer, or an internal note (ONMT staff
    and the market's delegates only). Markdown, shown sanitized."""

    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name=_("recommendation"),
        on_delete=models.PROTECT,
        related_name="messages",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="recommendation_messages",
    )
    body = models.TextField(_("message"), help_text=_("Markdown."))
    is_internal = models.BooleanField(
        _("internal note"),
        default=False,
        help_text=_("Seen by ONMT staff and the market's delegates only."),
    )
    # Written by a reviewer to the organization (not by the organization).
    from_reviewer = models.BooleanField(_("from a reviewer"), default=False, editable=False)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [models.Index(fields=["recommendation", "created_at"])]

    def __str__(self):
        return f"{self.recommendation} — {self.created_at:%Y-%m-%d %H:%M}"
