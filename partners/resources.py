"""Admin import/export of the directory (django-import-export), CSV and XLSX.

Rows match existing records the way people refer to them: organizations by
short name, people by e-mail, mandates by person, organization, role and start
date — all case-insensitively — so re-importing a file updates, never duplicates.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, widgets

from core.admin_imports import (
    ChoiceWidget,
    FlexibleBooleanWidget,
    FlexibleDateWidget,
    InertExportResource,
    LookupWidget,
)

from .models import Market, Membership, Organization, Person, Region

# --- widgets of the directory --------------------------------------------------


class MarketsWidget(widgets.ManyToManyWidget):
    """Market codes separated by commas; an unknown code is an error, not a silent drop."""

    def __init__(self, **kwargs):
        super().__init__(Market, field="code", separator=",", **kwargs)

    def clean(self, value, row=None, **kwargs):
        codes = [code.strip().upper() for code in str(value or "").split(",") if code.strip()]
        markets = list(Market.objects.filter(code__in=codes))
        unknown = sorted(set(codes) - {market.code for market in markets})
        if unknown:
            raise ValueError(_("Unknown market codes: %(codes)s.") % {"codes": ", ".join(unknown)})
        return markets


# --- resources ------------------------------------------------------------------


class DirectoryResource(InertExportResource):
    """Shared behaviour: validate every row like a form would, match case-insensitively."""

    def get_instance(self, instance_loader, row):
        lookup = self.natural_lookup(row)
        if not lookup:
            return None
        matches = list(self._meta.model.objects.filter(**lookup)[:2])
        return matches[0] if len(matches) == 1 else None

    def natural_lookup(self, row) -> dict:
        raise NotImplementedError


class OrganizationResource(DirectoryResource):
    kind = fields.Field("kind", "kind", widget=ChoiceWidget(Organization.Kind.choices))
    sector = fields.Field("sector", "sector", widget=ChoiceWidget(Organization.Sector.choices))
    region = fields.Field(
        "region", "region", widget=LookupWidget(Region, "code", also=("name", "name_ar"))
    )
    parent = fields.Field("parent", "parent", widget=LookupWidget(Organization, "short_name"))
    markets = fields.Field("markets", "markets", widget=MarketsWidget())
    is_active = fields.Field("is_active", "is_active", widget=FlexibleBooleanWidget())

    class Meta:
        model = Organization
        fields = (
            "name",
            "name_ar",
            "name_en",
            "short_name",
            "kind",
            "sector",
            "region",
            "province",
            "parent",
            "markets",
            "email",
            "phone",
            "website",
            "address",
            "is_active",
        )
        import_id_fields = ("short_name",)
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def natural_lookup(self, row):
        short_name = str(row.get("short_name") or "").strip()
        return {"short_name__iexact": short_name} if short_name else {}

    def import_instance(self, instance, row, **kwargs):
        # Check market codes with the other fields, so a bad code is a row error
        # in the preview rather than a failure while saving.
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if "markets" in row:
            try:
                self.fields["markets"].clean(row)
            except ValueError as exc:
                errors["markets"] = ValidationError(str(exc))
        if errors:
            raise ValidationError(errors)


class PersonResource(DirectoryResource):
    language = fields.Field("language", "language", widget=ChoiceWidget(settings.LANGUAGES))
    is_active = fields.Field("is_active", "is_active", widget=FlexibleBooleanWidget())

    class Meta:
        model = Person
        fields = ("first_name", "last_name", "email", "phone", "language", "is_active")
        import_id_fields = ("email",)
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def natural_lookup(self, row):
        email = str(row.get("email") or "").strip()
        if email:
            return {"email__iexact": email}
        # No e-mail: the same first and last name, if only one person has them.
        first = str(row.get("first_name") or "").strip()
        last = str(row.get("last_name") or "").strip()
        if not (first and last):
            return {}
        return {"first_name__iexact": first, "last_name__iexact": last, "email": ""}

    def before_import_row(self, row, **kwargs):
        if row.get("email"):
            row["email"] = str(row["email"]).strip().lower()
        if not row.get("language"):
            row["language"] = "fr"


class MembershipResource(DirectoryResource):
    person = fields.Field("person", "person_email", widget=LookupWidget(Person, "email"))
    organization = fields.Field(
        "organization", "organization", widget=LookupWidget(Organization, "short_name")
    )
    role = fields.Field("role", "role", widget=ChoiceWidget(Membership.Role.choices))
    start_date = fields.Field("start_date", "start_date", widget=FlexibleDateWidget())
    end_date = fields.Field("end_date", "end_date", widget=FlexibleDateWidget())

    class Meta:
        model = Membership
        fields = ("person", "organization", "role", "title", "start_date", "end_date")
        import_id_fields = ("person", "organization", "role", "start_date")
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def natural_lookup(self, row):
        try:
            return {
                "person": self.fields["person"].clean(row),
                "organization": self.fields["organization"].clean(row),
                "role": self.fields["role"].clean(row),
                "start_date": self.fields["start_date"].clean(row),
            }
        except (ValueError, KeyError):
            return {}  # the row's own validation reports what is wrong
