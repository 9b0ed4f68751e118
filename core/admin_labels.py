"""Names for the admin's inputs that Django shows only by position.

A tabular inline labels its columns once, in the header: each row's inputs have
no label of their own, so a screen reader announces « edit text » eight times
a row (axe: label, select-name). Each input is named after its column, the
row's « delete » box included.
"""


class LabelledRowsMixin:
    """For an InlineModelAdmin: every row's input carries its column's label."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and formfield.label:
            # A related-field wrapper shares its inner widget's attrs.
            formfield.widget.attrs.setdefault("aria-label", str(formfield.label))
        return formfield

    def get_formset(self, request, obj=None, **kwargs):
        base = super().get_formset(request, obj, **kwargs)

        class LabelledRows(base):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                for name in ("DELETE", "ORDER"):
                    if name in form.fields:
                        widget = form.fields[name].widget
                        widget.attrs.setdefault("aria-label", str(form.fields[name].label))

        LabelledRows.__name__ = base.__name__
        return LabelledRows
