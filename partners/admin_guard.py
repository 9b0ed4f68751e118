"""Stale-edit protection for the Django admin, shared by every app's admin.

The change form carries the record's updated_at as it was when the form was
opened; a save after someone else changed the record is refused, with the
typed values shown back, instead of silently overwriting their change.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

FIELD = "loaded_at"


class StaleEditGuard:
    stale_field = "updated_at"

    def _guarded_form(self, base):
        stale_field = self.stale_field

        class GuardedForm(base):
            loaded_at = forms.CharField(widget=forms.HiddenInput, required=False)

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                if self.instance.pk and getattr(self.instance, stale_field, None):
                    self.fields[FIELD].initial = getattr(self.instance, stale_field).isoformat()

            def clean(self):
                cleaned = super().clean()
                sent = self.data.get(self.add_prefix(FIELD))
                current = None
                if self.instance.pk:
                    current = (
                        type(self.instance)
                        ._default_manager.filter(pk=self.instance.pk)
                        .values_list(stale_field, flat=True)
                        .first()
                    )
                if sent and current is not None and sent != current.isoformat():
                    raise ValidationError(
                        _(
                            "Someone else changed this record after you opened it. Nothing was "
                            "saved: open it again in another tab to see their change, then "
                            "apply yours."
                        ),
                        code="stale",
                    )
                return cleaned

        return GuardedForm

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = self._guarded_form(kwargs.get("form", self.form))
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if any(FIELD in options.get("fields", ()) for _, options in fieldsets):
            return fieldsets
        # Explicit fieldsets leave the hidden field out: add it to the last one.
        *head, (title, options) = fieldsets
        return [*head, (title, {**options, "fields": (*options["fields"], FIELD)})]


class StaleInlineGuard:
    """The same protection for the rows of an inline (memberships, milestones, …).

    Each existing row carries the values it was shown with (Django's hidden
    initial inputs). A row the admin changed, and someone else changed too
    since the page opened (the portal's screens, another admin page), is
    refused with the typed values shown back; rows the admin left alone are
    not saved, so they never overwrite anyone.
    """

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = _guarded_row_form(formset.form)
        return formset


def _guarded_row_form(base):
    class GuardedRowForm(base):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if self.instance.pk:
                for name in self._compared_fields():
                    self.fields[name].show_hidden_initial = True

        def _compared_fields(self):
            skipped = {"DELETE", "ORDER", self._meta.model._meta.pk.name}
            return [
                name
                for name, field in self.fields.items()
                if name not in skipped and not isinstance(field.widget, forms.HiddenInput)
            ]

        def clean(self):
            cleaned = super().clean()
            if not (self.is_bound and self.instance.pk and self.has_changed()):
                return cleaned
            current = type(self.instance)._default_manager.filter(pk=self.instance.pk).first()
            if current is None:
                raise ValidationError(
                    _("Someone else deleted this row after you opened the page."), code="stale"
                )
            now = type(self)(instance=current, prefix=self.prefix).initial
            for name in self._compared_fields():
                hidden = self.fields[name].hidden_widget()
                shown = hidden.value_from_datadict(
                    self.data, self.files, self.add_initial_prefix(name)
                )
                if self.fields[name].has_changed(now.get(name), shown):
                    raise ValidationError(
                        _(
                            "Someone else changed this row after you opened the page. Nothing "
                            "was saved: open the page again to see their change, then apply "
                            "yours."
                        ),
                        code="stale",
                    )
            return cleaned

    return GuardedRowForm
