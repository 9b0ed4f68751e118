"""Partnership agreements between organizations, with their signed document."""

from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# Agreements are confidential: stored outside MEDIA_ROOT, served by a view.
from core.models import private_storage

from ..validators import validate_pdf_document
from .organizations import Organization


class PartnershipAgreement(models.Model):
    title = models.CharField(_("title"), max_length=250)
    parties = models.ManyToManyField(
        Organization, verbose_name=_("parties"), related_name="agreements"
    )
    signed_on = models.DateField(_("signed on"))
    signed_in_month_only = models.BooleanField(
        _("only the month of signature is known"),
        default=False,
        help_text=_("The pages then show the month and year, not the day."),
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    document = models.FileField(
        _("signed document (PDF)"),
        storage=private_storage,
        upload_to="agreements/%Y/",
        blank=True,
        validators=[FileExtensionValidator(["pdf"]), validate_pdf_document],
        help_text=_("A PDF file of at most 10 MB."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # Who changed what, when (django-simple-history).
    history = HistoricalRecords()

    class Meta:
        ordering = ["-signed_on"]
        verbose_name = _("partnership agreement")
        verbose_name_plural = _("partnership agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="agreement_ends_after_it_starts",
                violation_error_message=_("An agreement cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return self.title
