"""Admin import/export of the directory (django-import-export), CSV and XLSX.

Rows match existing records the way people refer to them: organizations by
short name, people by e-mail, mandates by person, organization, role and start
date — all case-insensitively — so re-importing a file updates, never duplicates.
"""

import csv
import datetime

import tablib
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from import_export.formats import base_formats

from .models import Market, Membership, Organization, Person, Region

# --- file formats -----------------------------------------------------------


class TolerantCSV(base_formats.CSV):
    """CSV as offices really save it: UTF-8 with or without BOM, or Windows-1252
    (Excel's default in French), separated by commas or semicolons."""

    def is_binary(self):
        # Hand the raw bytes to create_dataset: the encoding is decided there.
        return True

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            try:
                text = in_stream.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = in_stream.decode("cp1252")
        else:
            text = in_stream
        first_line = text.split("\n", 1)[0]
        try:
            delimiter = csv.Sniffer().sniff(first_line, delimiters=",;\t").delimiter
        except csv.Error:
            delimiter = ","
        return tablib.import_set(text, format="csv", delimiter=delimiter)


IMPORT_FORMATS = [TolerantCSV, base_formats.XLSX]
EXPORT_FORMATS = [base_formats.CSV, base_formats.XLSX]


# --- widgets ------------------------------------------------------------------


class ChoiceWidget(widgets.Widget):
    """Accepts a choice's code or its label in French, Arabic or English."""

    def __init__(self, choices, **kwargs):
        self.choices = list(choices)  # (value, label) pairs
        super().__init__(**kwargs)

    def _lookup(self):
        table = {}
        for value, label in self.choices:
            table[value.lower()] = value
            for language in ("fr", "ar", "en"):
                with translation.override(language):
                    table[str(label).strip().lower()] = value
        return table

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            return ""
        try:
            return self._lookup()[text.lower()]
        except KeyError:
            raise ValueError(
                _("“%(value)s” is not one of: %(allowed)s.")
                % {"value": text, "allowed": ", ".join(value for value, _label in self.choices)}
            ) from None

    def render(self, value, obj=None, **kwargs):
        return value or ""


class LookupWidget(widgets.ForeignKeyWidget):
    """A foreign key given by a natural key, matched case-insensitively."""

    def __init__(self, model, field, *, also=(), **kwargs):
        self.also = also  # further fields tried in turn (e.g. a region's name)
        super().__init__(model, field, **kwargs)

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            return None
        for field in (self.field, *self.also):
            matches = list(self.model.objects.filter(**{f"{field}__iexact": text})[:2])
            if len(matches) == 1:
                return matches[0]
        raise ValueError(
            _("No %(model)s matches “%(value)s”.")
            % {"model": self.model._meta.verbose_name, "value": text}
        )


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


class FlexibleDateWidget(widgets.DateWidget):
    """ISO dates, French day/month/year, or real dates from a spreadsheet."""

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)
        self.formats = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = str(value or "").strip()
        if not text:
            return None
        for fmt in self.formats:
            try:
                return datetime.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        raise ValueError(
            _("“%(value)s” is not a date (expected YYYY-MM-DD or DD/MM/YYYY).") % {"value": text}
        )


class FlexibleBooleanWidget(widgets.BooleanWidget):
    TRUE = {"1", "true", "yes", "oui", "vrai", "نعم", "x"}
    FALSE = {"0", "false", "no", "non", "faux", "لا"}

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        text = str(value if value is not None else "").strip().lower()
        if text == "":
            return True  # an empty "active" cell keeps the record active
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValueError(_("“%(value)s” is not yes or no.") % {"value": value})


# --- resources ------------------------------------------------------------------


class DirectoryResource(resources.ModelResource):
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
