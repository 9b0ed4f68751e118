"""Stale edits: a save based on an out-of-date page is refused, never silently applied.

Every record people edit in forms carries a `version`. A form remembers the
version it was opened at (VersionedFormMixin); the service claims it with one
conditional UPDATE (claim_version) — no lock held across the user's think time,
no race — and raises StaleEditError when someone saved in between. The view
shows the error with everything typed kept (show_write_error). The Django admin
takes part too (core/admin_guard.py): its saves bump `version`, and it refuses
a save when the portal saved first.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Model
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

STALE = "stale"


class StaleEditError(ValidationError):
    """Someone saved this record after the form was loaded. Nothing was saved.

    The wording names the record: a model may give its own sentence as
    `stale_edit_message` (a lazy translation, for languages whose grammar needs
    it); otherwise a general one with the model's name is used.
    """

    def __init__(self, instance: Model):
        message = getattr(type(instance), "stale_edit_message", None)
        if message is None:
            message = _(
                "Someone else saved this %(what)s while you were editing it. Nothing was "
                "saved: your text is still below. Open it again in another tab to see "
                "their changes, then apply yours."
            ) % {"what": type(instance)._meta.verbose_name}
        super().__init__(str(message), code=STALE)


def claim_version(instance: Model, version: int | None) -> None:
    """Bump the version only if nobody saved since the form loaded `version`;
    raise StaleEditError otherwise. One conditional UPDATE: no race."""
    claimed = (
        type(instance)
        ._default_manager.filter(pk=instance.pk, version=version or 0)
        .update(version=F("version") + 1, updated_at=timezone.now())
    )
    if not claimed:
        raise StaleEditError(instance)
    instance.version = (version or 0) + 1


def save_validated(instance: Model, **kwargs) -> Model:
    """full_clean, then save. A constraint lost to a concurrent write (the other
    save committed between our check and our insert) reads as a clear error, not
    a 500."""
    instance.full_clean()
    try:
        with transaction.atomic():
            instance.save(**kwargs)
    except IntegrityError as exc:
        raise ValidationError(
            _("Someone else changed these records at the same time. Check and try again.")
        ) from exc
    return instance


class VersionedFormMixin:
    """Carries the version the user started from, for the stale-edit check.

    Given as the instance's version (model forms) or as initial data; a form
    that only ever changes an existing record sets version_required.
    """

    version_required = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"] = forms.IntegerField(
            widget=forms.HiddenInput, required=self.version_required
        )
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk and not self.is_bound:
            self.initial["version"] = instance.version


def show_write_error(request: HttpRequest, form: forms.Form, exc: ValidationError) -> None:
    """A service refused the write: the form shows why, everything typed kept; a
    stale edit is also announced at the top of the page."""
    form.add_error(None, exc)
    if getattr(exc, "code", None) == STALE:
        messages.error(request, exc.messages[0])
