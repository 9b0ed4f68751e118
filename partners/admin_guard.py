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
