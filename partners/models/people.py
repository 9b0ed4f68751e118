"""The people of the directory, and their mandates in organizations."""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.indexes import search_index

from .organizations import ActiveQuerySet, Organization

PERSON_SEARCH_FIELDS = ("first_name", "last_name")


class PersonQuerySet(ActiveQuerySet):
    def mandated(self, *, on=None):
        """People who hold a current mandate in an active organization: the ones
        work can be given to (milestones, roadmaps) and the portal writes to."""
        return self.active().filter(
            Exists(
                Membership.objects.current(on=on).filter(
                    person=OuterRef("pk"), organization__is_active=True
                )
            )
        )


class Person(models.Model):
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    # Unique case-insensitively when present: imports and accounts match people by it.
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the e-mails the portal sends to this person."),
    )
    receives_reminders = models.BooleanField(
        _("receives milestone reminders"),
        default=True,
        help_text=_("Escalations of late milestones are sent in any case."),
    )
    # The SHA-256 of the secret in the person's private calendar feed address
    # (the address itself is shown once, never stored); empty when turned off.
    calendar_token = models.CharField(
        _("calendar feed token"), max_length=64, blank=True, editable=False
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Archived people leave the pickers but stay in history."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PersonQuerySet.as_manager()

    # Who changed what, when (django-simple-history).
    history = HistoricalRecords(excluded_fields=["calendar_token"])  # a secret

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~Q(email=""),
                name="person_email_unique_ci",
                violation_error_message=_("Another person already uses this e-mail address."),
            ),
            models.UniqueConstraint(
                fields=["calendar_token"],
                condition=~Q(calendar_token=""),
                name="person_calendar_token_unique",
            ),
        ]
        indexes = [
            models.Index(Lower("last_name"), name="person_last_name_lower"),
            # Accent-insensitive name search (directory, pickers): GIN on PostgreSQL.
            *(search_index("person", field) for field in PERSON_SEARCH_FIELDS),
        ]

    def __str__(self):
        return self.full_name

    @staticmethod
    def calendar_token_digest(token: str) -> str:
        """What is stored of a calendar feed's secret: its SHA-256, so a copy of the
        database (a backup, a log of queries) opens nobody's calendar."""
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def contact_email(self) -> str:
        """Where the portal writes to: the directory address, else the account's."""
        if self.email:
            return self.email
        return self.user.email if self.user_id and self.user else ""

    def clean(self):
        # One spelling per address, whoever typed it (the constraint ignores case anyway).
        self.email = self.email.strip().lower()


class MembershipQuerySet(models.QuerySet):
    def current(self, *, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=on), start_date__lte=on)

    def past(self, *, on=None):
        on = on or timezone.localdate()
        return self.filter(end_date__lt=on)


class Membership(models.Model):
    """A mandate: a person's role in an organization between two dates."""

    class Role(models.TextChoices):
        PRESIDENT = "president", _("President")
        DIRECTOR_GENERAL = "director_general", _("Director general")
        DELEGATE = "delegate", _("Delegate")
        VICE_PRESIDENT = "vice_president", _("Vice-president")
        STAFF = "staff", _("Staff")
        REPRESENTATIVE = "representative", _("Representative")
        MEMBER = "member", _("Member")

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    title = models.CharField(
        pgettext_lazy("mandate", "title"),
        max_length=200,
        blank=True,
        help_text=_("As the person signs, e.g. « Présidente du CPT de Ouarzazate »."),
    )
    start_date = models.DateField(_("start date"))
    start_date_known = models.BooleanField(
        _("exact start date known"),
        default=True,
        help_text=_(
            "Unticked: the mandate was held on the start date given, but when it "
            "began is not known (the pages say « in office on »)."
        ),
    )
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Empty: current.")
    )

    objects = MembershipQuerySet.as_manager()

    # Who changed what, when (django-simple-history).
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_it_starts",
                violation_error_message=_("A mandate cannot end before it starts."),
            ),
            models.UniqueConstraint(
                fields=["organization"],
                condition=Q(role="president", end_date__isnull=True),
                name="membership_one_current_president",
                violation_error_message=_(
                    "This organization already has a current president. Hand the presidency "
                    "over from the organization's page so that the previous mandate ends."
                ),
            ),
            # On PostgreSQL, migration 0003 adds an exclusion constraint: no two
            # overlapping mandates of one person, role and organization.
        ]
        indexes = [
            models.Index(fields=["organization", "end_date"]),
            models.Index(fields=["person", "end_date"]),
        ]

    def __str__(self):
        return f"{self.person} — {self.get_role_display()}, {self.organization.short_name}"

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return self.start_date <= today and (self.end_date is None or self.end_date >= today)

    def overlapping(self):
        """Mandates of the same person, role and organization whose dates meet this one's."""
        others = Membership.objects.filter(
            person_id=self.person_id, organization_id=self.organization_id, role=self.role
        ).exclude(pk=self.pk)
        if self.end_date is not None:
            others = others.filter(start_date__lte=self.end_date)
        return others.filter(Q(end_date__isnull=True) | Q(end_date__gte=self.start_date))

    def clean(self):
        from django.core.exceptions import ValidationError

        if not (self.person_id and self.organization_id and self.role and self.start_date):
            return
        if self.end_date and self.end_date < self.start_date:
            return  # the check constraint's own message says it
        if self.overlapping().exists():
            raise ValidationError(
                _("This person already holds this role in this organization during these dates.")
            )
