"""Every write to the directory that matters goes through here."""

import datetime
import secrets

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core import outbox
from core.history import record_author
from core.locking import save_validated

from .models import Membership, Organization, Person
from .roles import Role, role_group, roles_for_kinds


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
            save_validated(previous)
    return save_validated(
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
def mandate_hand_over(
    *,
    mandate: Membership,
    successor: Person,
    start_date: datetime.date,
    title: str = "",
    recipients: dict[str, Person] | None = None,
    by: AbstractBaseUser | None = None,
) -> Membership:
    """Pass a mandate to someone else, and the work it carried with it.

    The outgoing mandate ends the day before `start_date`, the successor's starts
    that day (same organization, role, and title unless another is given), and
    every holding of the outgoing person within that mandate (partners/
    extensions.py) goes to the successor — or, kind by kind, to whoever
    `recipients` names. One transaction: all of it, or none of it.
    """
    from .selectors import mandate_holdings

    locked = Membership.objects.select_for_update().get(pk=mandate.pk)
    if not locked.is_current:
        raise ValidationError(_("This mandate is not current: there is nothing to hand over."))
    if successor.pk == locked.person_id:
        raise ValidationError(
            {"person": _("The successor must be someone else than the outgoing holder.")}
        )
    if start_date <= locked.start_date:
        raise ValidationError(
            {
                "start_date": _(
                    "The new mandate must start after the current one, which started on %(date)s."
                )
                % {"date": date_format(locked.start_date, "SHORT_DATE_FORMAT")}
            }
        )
    held = mandate_holdings(locked)
    locked.end_date = start_date - datetime.timedelta(days=1)
    record_author(by, locked)
    save_validated(locked)
    successor_mandate = Membership(
        person=successor,
        organization=locked.organization,
        role=locked.role,
        title=title or locked.title,
        start_date=start_date,
    )
    record_author(by, successor_mandate)
    save_validated(successor_mandate)
    for holding, items in held:
        if items:
            holding.transfer(items, (recipients or {}).get(holding.key) or successor, by)
    return successor_mandate


def organization_set_active(*, organization: Organization, active: bool) -> Organization:
    """Archive (or restore) rather than delete: history keeps pointing at it."""
    organization.is_active = active
    organization.save(update_fields=["is_active", "updated_at"])
    return organization


@transaction.atomic
def person_set_active(*, person: Person, active: bool) -> Person:
    """Archive (or restore) a person. Their account goes with them: an archived
    person cannot log in, and a restored one can again."""
    person.is_active = active
    person.save(update_fields=["is_active", "updated_at"])
    if person.user_id and person.user.is_active != active:
        person.user.is_active = active
        person.user.save(update_fields=["is_active"])
    return person


def person_set_preferences(*, person: Person, language: str, receives_reminders: bool) -> Person:
    """A person's own choices: e-mail language and ordinary reminders."""
    person.language = language
    person.receives_reminders = receives_reminders
    person.full_clean()
    person.save(update_fields=["language", "receives_reminders", "updated_at"])
    return person


# --- onboarding -------------------------------------------------------------------


def role_for_mandates(person: Person) -> Role | None:
    """The portal role a person's current mandates give (the first, in Role order)."""
    kinds = (
        Membership.objects.current()
        .filter(person=person)
        .values_list("organization__kind", flat=True)
    )
    roles = roles_for_kinds(kinds)
    return roles[0] if roles else None


@transaction.atomic
def person_invite(*, person: Person, by: AbstractBaseUser | None = None) -> AbstractBaseUser:
    """Create the portal account of a directory person and e-mail them a one-time
    link to choose their password. No password ever travels by e-mail. `by` is
    recorded as the author of the change to the person."""
    from django.contrib.auth import get_user_model

    from .notices import INVITATION

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
    record_author(by, person)
    person.save(update_fields=["user", "updated_at"])
    outbox.enqueue(
        kind=INVITATION,
        context={"user": user.pk},
        key=f"invitation:user:{user.pk}",
        recipient=email,
        language=person.language,
    )
    return user


def person_renew_calendar_token(*, person: Person) -> str:
    """A new private feed address; the previous one stops working at once.

    Returns the new secret, to be shown once: only its digest is kept."""
    token = secrets.token_urlsafe(32)
    person.calendar_token = Person.calendar_token_digest(token)
    person.save(update_fields=["calendar_token", "updated_at"])
    return token


def person_revoke_calendar_token(*, person: Person) -> Person:
    person.calendar_token = ""
    person.save(update_fields=["calendar_token", "updated_at"])
    return person
