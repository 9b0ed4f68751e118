"""The log of milestone reminders: what was sent to whom (services/reminders.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from partners.models import Person

from .roadmaps import Milestone


class ReminderLog(models.Model):
    """One reminder of one milestone to one person: the guarantee it goes out once.

    A row is created (claimed) before anything is sent; the unique constraint
    makes a second scan find it instead of creating another. A digest task then
    takes the unsent rows of its recipient with a claim token, sends, and sets
    sent_at. See roadmaps/services/reminders.py for the one window left.
    """

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Due soon")
        OVERDUE = "overdue", _("Overdue")
        ESCALATION = "escalation", _("Escalation")

    milestone = models.ForeignKey(
        Milestone, verbose_name=_("milestone"), on_delete=models.PROTECT, related_name="reminders"
    )
    # e.g. "due_soon:7" (7 days before), "overdue:2" (third week late), "escalation:0".
    kind = models.CharField(_("kind"), max_length=32)
    due_date = models.DateField(_("due date"))
    recipient = models.ForeignKey(
        Person, verbose_name=_("recipient"), on_delete=models.PROTECT, related_name="reminders"
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
