"""The admin's spreadsheet imports and exports (django-import-export), as every
app uses them: the file formats offices really save, widgets that take a
choice's label in any of the portal's languages or a date as people type it,
and a resource whose exports never carry a live formula (core/exports.py).
"""

import csv
import datetime
import re

import tablib
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from import_export import resources, widgets
from import_export.admin import ImportExportModelAdmin
from import_export.formats import base_formats
from import_export.forms import SelectableFieldsExportForm

from .exports import inert
from .numbers import count_text
from .pagination import bounded_count

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


class InertExportResource(resources.ModelResource):
    """Every admin export writes inert cells: no text starts a live formula
    (core/exports.py says why and how)."""

    def export_field(self, field, instance, **kwargs):
        return inert(super().export_field(field, instance, **kwargs))


# --- labels -------------------------------------------------------------------


def column_label(opts, column: str) -> str:
    """A file column as the admin reads it: the model field's name in the admin's
    language (« الاسم بالعربية » for name_ar), the column itself otherwise."""
    try:
        return str(opts.get_field(column).verbose_name)
    except FieldDoesNotExist:
        return column


class LabelledExportForm(SelectableFieldsExportForm):
    """The export page's field choices in the admin's language, each with the
    column it becomes (« الاسم بالعربية (name_ar) »), not « Name Ar »."""

    def _get_field_label(self, resource, field_name: str) -> str:
        field = resource.fields.get(field_name)
        column = field.column_name if field else field_name
        attribute = (field.attribute if field else None) or field_name
        label = column_label(resource._meta.model._meta, attribute)
        return f"{label} ({column})" if label != column else column


# django-import-export 4.4's export page writes its « select all » toggle with an
# inline onchange handler, which the portal's Content-Security-Policy refuses
# (the toggle did nothing), and a label pointing at an id the box lacks.
_INLINE_TOGGLE = re.compile(rb'name="select-all-toggle"\s+onchange="onSelectToggleChange\(event\)"')


def _toggle_without_inline_handler(response):
    # static/js/admin.js binds the package's own handler instead.
    response.content = _INLINE_TOGGLE.sub(
        b'name="select-all-toggle" id="select-all-toggle"', response.content
    )


class PortalImportExportAdmin(ImportExportModelAdmin):
    """Imports and exports of the admin: tolerant formats, labelled columns,
    an export page that runs under the portal's CSP."""

    import_formats = IMPORT_FORMATS
    export_formats = EXPORT_FORMATS
    export_form_class = LabelledExportForm

    def get_export_data(self, file_format, request, queryset, **kwargs):
        """Refused above ADMIN_EXPORT_MAX_ROWS rows: the whole file is built in the
        web worker's memory. The export page shows why (import-export turns a
        ValueError into a message on the form)."""
        cap = settings.ADMIN_EXPORT_MAX_ROWS
        if bounded_count(queryset, cap) > cap:
            raise ValueError(
                _(
                    "This export would have more than %(rows)s rows. Narrow the list "
                    "with its filters or its search first."
                )
                % {"rows": count_text(cap)}
            )
        return super().get_export_data(file_format, request, queryset, **kwargs)

    def export_action(self, request, *args, **kwargs):
        response = super().export_action(request, *args, **kwargs)
        if isinstance(response, TemplateResponse):
            response.add_post_render_callback(_toggle_without_inline_handler)
        return response
