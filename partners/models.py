"""The partner directory: who the portal's partners are, and who speaks for them."""

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .validators import validate_pdf_document


def private_storage():
    """Agreements are confidential: stored outside MEDIA_ROOT, served by a view."""
    from django.core.files.storage import storages

    return storages["private"]


class ActiveQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Region(models.Model):
    """One of the 12 regions of Morocco (2015 division), loaded by a data migration."""

    code = models.CharField(_("code"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_ar = models.CharField(_("name in Arabic"), max_length=100, blank=True)

    # Who changed what, when (django-simple-history).
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name_ar if get_language() == "ar" and self.name_ar else self.name


class Market(models.Model):
    """A source market of tourists (FR, ES, UK, …), or the domestic one (MA)."""

    code = models.CharField(_("code"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_ar = models.CharField(_("name in Arabic"), max_length=100, blank=True)
    is_strategic = models.BooleanField(_("strategic market"), default=False)

    # Who changed what, when (django-simple-history).
    history = HistoricalRecords()

    class Meta:
        ordering = ["-is_strategic", "code"]
        verbose_name = _("market")
        verbose_name_plural = _("markets")

    def __str__(self):
        return f"{self.display_name} ({self.code})"

    @property
    def display_name(self) -> str:
        return self.name_ar if get_language() == "ar" and self.name_ar else self.name


class Organization(models.Model):
    class Kind(models.TextChoices):
        OFFICE = "office", _("Office")
        CONFEDERATION = "confederation", _("Confederation")
        FEDERATION = "federation", _("Federation")
        REGIONAL_COUNCIL = "regional_council", _("Regional tourism council")
        PROVINCIAL_COUNCIL = "provincial_council", _("Provincial tourism council")
        AIRLINE = "airline", _("Airline")
        DELEGATION = "delegation", _("ONMT delegation abroad")
        OTHER = "other", _("Other")

    class Sector(models.TextChoices):
        PUBLIC = "public", _("Public")
        PRIVATE = "private", _("Private")
        PUBLIC_PRIVATE = "public_private", _("Public-private")

    name = models.CharField(_("name"), max_length=200)
    # How imports match organizations, and how people refer to them (CNT, FNIH).
    short_name = models.CharField(_("short name"), max_length=60)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations",
    )
    province = models.CharField(_("province"), max_length=100, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    markets = models.ManyToManyField(
        Market,
        verbose_name=_("markets"),
        blank=True,
        related_name="organizations",
        help_text=_("For ONMT delegations abroad: the markets they cover."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    address = models.TextField(_("address"), blank=True)
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Archived organizations leave the pickers but stay in history."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ActiveQuerySet.as_manager()

    # Who changed what, when (django-simple-history).
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        constraints = [
            models.UniqueConstraint(
                Lower("short_name"),
                name="organization_short_name_unique_ci",
                violation_error_message=_("Another organization already uses this short name."),
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")),
                name="organization_not_its_own_parent",
                violation_error_message=_("An organization cannot be its own parent."),
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "is_active"]),
            models.Index(fields=["region", "is_active"]),
        ]

    def __str__(self):
        if self.short_name == self.name:
            return self.name
        return f"{self.name} ({self.short_name})"


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
    # The secret of the person's private calendar feed; empty when turned off.
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

    objects = ActiveQuerySet.as_manager()

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
        indexes = [models.Index(Lower("last_name"), name="person_last_name_lower")]

    def __str__(self):
        return self.full_name

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


class PartnershipAgreement(models.Model):
    title = models.CharField(_("title"), max_length=250)
    parties = models.ManyToManyField(
        Organization, verbose_name=_("parties"), related_name="agreements"
    )
    signed_on = models.DateField(_("signed on"))
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
