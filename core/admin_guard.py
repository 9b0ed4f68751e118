"""The Django admin's guards, shared by every app's admin: stale edits, and
records that are never deleted.

The change form carries the record as it was when the form was opened — its
`version` for the records the portal's own forms edit (core/locking.py), else
its `updated_at` — and a save after someone else changed the record is refused,
with the typed values shown back, instead of silently overwriting their change.

The admin and the portal guard each other in both directions: the row is
locked while the admin's save checks it, and an admin save moves `version` on,
so a portal form opened before it is refused too.
"""

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _

FIELD = "loaded_state"


def is_versioned(model: type[Model]) -> bool:
    try:
        model._meta.get_field("version")
    except FieldDoesNotExist:
        return False
    return True


def _state(instance: Model) -> str:
    """What the form remembers: the version, or the last change's time."""
    if is_versioned(type(instance)):
        return str(instance.version)
    updated_at = getattr(instance, "updated_at", None)
    return updated_at.isoformat() if updated_at else ""


def _locked_current(instance: Model) -> Model | None:
    """The row as it is now, locked until the admin's save commits (the admin runs
    each change form in a transaction): nobody can slip in between check and save."""
    return type(instance)._default_manager.select_for_update().filter(pk=instance.pk).first()


def _bump_version(instance: Model, current: Model) -> None:
    if is_versioned(type(instance)):
        instance.version = current.version + 1


class StaleEditGuard:
    def _guarded_form(self, base):
        class GuardedForm(base):
            loaded_state = forms.CharField(widget=forms.HiddenInput, required=False)

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                if self.instance.pk:
                    self.fields[FIELD].initial = _state(self.instance)

            def clean(self):
                cleaned = super().clean()
                sent = self.data.get(self.add_prefix(FIELD))
                current = _locked_current(self.instance) if self.instance.pk else None
                if current is None:
                    return cleaned
                if sent and sent != _state(current):
                    raise ValidationError(
                        _(
                            "Someone else changed this record after you opened it. Nothing was "
                            "saved: open it again in another tab to see their change, then "
                            "apply yours."
                        ),
                        code="stale",
                    )
                _bump_version(self.instance, current)
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
    not saved, so they never overwrite anyone. A saved row's version moves on.
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
            current = _locked_current(self.instance)
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
            _bump_version(self.instance, current)
            return cleaned

    return GuardedRowForm


def referenced_by_others(obj: Model) -> bool:
    """Whether any record points to obj (history and other hidden links aside)."""
    for relation in obj._meta.related_objects:
        accessor = relation.get_accessor_name()
        if relation.one_to_one:
            if (
                type(obj)
                ._default_manager.filter(pk=obj.pk, **{f"{relation.name}__isnull": False})
                .exists()
            ):
                return True
        elif getattr(obj, accessor).exists():
            return True
    return False


class NeverDeleted:
    """Records others rely on are never deleted from the admin: they are archived
    (or, for the lifecycle records, closed or cancelled) instead."""

    def has_delete_permission(self, request, obj=None):
        return False


class DeletedOnlyWhenUnreferenced:
    """A record nothing points to may be deleted from its own page (a typo made
    yesterday); one that others point to is archived instead. No bulk delete."""

    def has_delete_permission(self, request, obj=None):
        if obj is None or referenced_by_others(obj):
            return False
        return super().has_delete_permission(request, obj)
