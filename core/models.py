"""The kernel's models: the outbox every notification goes through (core/outbox.py),
and the exports too large for one request (core/prepared_exports.py)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """One message to send, written in the same transaction as the change it reports."""

    class State(models.TextChoices):
        PENDING = "pending", _("To send")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        SKIPPED = "skipped", _("No longer applies")
        DEAD = "dead", _("Failed for good")

    kind = models.CharField(_("kind"), max_length=64)
    # What the message is about, as ids: it is written when it is sent, from the
    # records as they are then (a notice that no longer applies is skipped).
    context = models.JSONField(_("context"), default=dict)
    recipient = models.CharField(_("recipient"), max_length=254, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    # One row per message: writing it twice (a rerun, a double click) is a no-op.
    key = models.CharField(_("key"), max_length=200, unique=True)
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claim_token = models.CharField(max_length=64, blank=True, editable=False)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outgoing message")
        verbose_name_plural = _("outgoing messages")
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="outbox_due"),
        ]

    def __str__(self):
        return f"{self.kind} → {self.recipient or '?'}"


def private_storage():
    """Confidential files: stored outside MEDIA_ROOT, served by a view that checks who asks."""
    from django.core.files.storage import storages

    return storages["private"]


class PreparedExport(models.Model):
    """A spreadsheet built by a worker for its owner, kept KEEP_DAYS for download."""

    class State(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        BUILDING = "building", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="prepared_exports",
        verbose_name=_("owner"),
    )
    kind = models.CharField(_("kind"), max_length=64)
    # What to export, as the page's query string: read again, with the owner's
    # rights as they are then, when the file is built.
    params = models.JSONField(_("parameters"), default=dict)
    language = models.CharField(_("language"), max_length=8)
    filename = models.CharField(_("file name"), max_length=100)
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.PENDING
    )
    file = models.FileField(
        _("file"), storage=private_storage, upload_to="exports/%Y/%m/", blank=True
    )
    rows = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("prepared export")
        verbose_name_plural = _("prepared exports")
        indexes = [models.Index(fields=["owner", "-created_at"], name="export_owner_recent")]

    def __str__(self):
        return self.filename
