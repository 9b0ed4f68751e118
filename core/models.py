"""The kernel's one model: the outbox every notification goes through (core/outbox.py)."""

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
