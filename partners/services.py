"""Every write to the directory that matters goes through here."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Membership, Organization, Person


def _save_validated(instance):
    """full_clean, then save; a constraint lost to a concurrent write reads the same."""
    instance.full_clean()
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as exc:
        raise ValidationError(
            _("Someone else changed these records at the same time. Check and try again.")
        ) from exc
    return instance


@transaction.atomic
def membership_start(
    *,
    person: Person,
    organization: Organization,
    role: str,
    start_date: datetime.date,
    title: str = "",
    end_date: datetime.date | None = None,
) -> Membership:
    """Start a mandate. A new current president ends the previous president's mandate
    the day before, so an organization never has two presidents and never loses one's
    history."""
    if role == Membership.Role.PRESIDENT and end_date is None:
        previous = (
            Membership.objects.select_for_update()
            .filter(organization=organization, role=role, end_date__isnull=True)
            .first()
        )
        if previous is not None:
            if previous.person_id == person.pk:
                raise ValidationError(
                    _("%(person)s is already the current president of %(organization)s.")
                    % {"person": person, "organization": organization.short_name}
                )
            if previous.start_date >= start_date:
                raise ValidationError(
                    _(
                        "The new mandate must start after the current president's, "
                        "which started on %(date)s."
                    )
                    % {"date": date_format(previous.start_date, "SHORT_DATE_FORMAT")}
                )
            previous.end_date = start_date - datetime.timedelta(days=1)
            _save_validated(previous)
    return _save_validated(
        Membership(
            person=person,
            organization=organization,
            role=role,
            title=title,
            start_date=start_date,
            end_date=end_date,
        )
    )


@transaction.atomic
def membership_end(*, membership: Membership, end_date: datetime.date) -> Membership:
    membership.end_date = end_date
    return _save_validated(membership)


def organization_set_active(*, organization: Organization, active: bool) -> Organization:
    """Archive (or restore) rather than delete: history keeps pointing at it."""
    organization.is_active = active
    organization.save(update_fields=["is_active", "updated_at"])
    return organization


def person_set_active(*, person: Person, active: bool) -> Person:
    person.is_active = active
    person.save(update_fields=["is_active", "updated_at"])
    return person


def person_set_preferences(*, person: Person, language: str, receives_reminders: bool) -> Person:
    """A person's own choices: e-mail language and ordinary reminders."""
    person.language = language
    person.receives_reminders = receives_reminders
    person.full_clean()
    person.save(update_fields=["language", "receives_reminders", "updated_at"])
    return person
