"""Every write to the directory that matters goes through here."""

import datetime
import secrets

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


# --- onboarding -------------------------------------------------------------------


COUNCIL_KINDS = {
    Organization.Kind.CONFEDERATION,
    Organization.Kind.FEDERATION,
    Organization.Kind.REGIONAL_COUNCIL,
    Organization.Kind.PROVINCIAL_COUNCIL,
    Organization.Kind.AIRLINE,
    Organization.Kind.OTHER,
}


def role_for_mandates(person: Person):
    """The portal role a person's current mandates call for, or None."""
    from .roles import Role

    mandates = list(
        Membership.objects.current().filter(person=person).select_related("organization")
    )
    kinds = {mandate.organization.kind for mandate in mandates}
    if Organization.Kind.OFFICE in kinds:
        return Role.ONMT_STAFF
    if Organization.Kind.DELEGATION in kinds:
        return Role.DELEGATE
    if kinds & COUNCIL_KINDS:
        return Role.COUNCIL
    return None


@transaction.atomic
def person_invite(*, person: Person, by=None):
    """Create the portal account of a directory person and e-mail them a one-time
    link to choose their password. No password ever travels by e-mail."""
    from django.contrib.auth import get_user_model

    from .roles import role_group
    from .tasks import send_invitation

    if person.user_id:
        raise ValidationError(_("%(person)s already has an account.") % {"person": person})
    email = person.contact_email
    if not email:
        raise ValidationError(
            _("%(person)s has no e-mail address to send the invitation to.") % {"person": person}
        )
    role = role_for_mandates(person)
    if role is None:
        raise ValidationError(
            _("%(person)s holds no current mandate that gives a role in the portal.")
            % {"person": person}
        )
    User = get_user_model()
    username = email.lower()
    if User.objects.filter(username=username).exists():
        raise ValidationError(_("An account named %(name)s already exists.") % {"name": username})
    user = User(
        username=username, email=email, first_name=person.first_name, last_name=person.last_name
    )
    user.set_unusable_password()
    user.save()
    user.groups.add(role_group(role))
    person.user = user
    person.save(update_fields=["user", "updated_at"])
    transaction.on_commit(lambda: send_invitation.delay(user.pk))
    return user


def person_renew_calendar_token(*, person: Person) -> Person:
    """A new private feed address; the previous one stops working at once."""
    person.calendar_token = secrets.token_urlsafe(32)
    person.save(update_fields=["calendar_token", "updated_at"])
    return person


def person_revoke_calendar_token(*, person: Person) -> Person:
    person.calendar_token = ""
    person.save(update_fields=["calendar_token", "updated_at"])
    return person
